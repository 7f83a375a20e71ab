package win.pvdify.fakes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeCloudflareTest {
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private FakeCloudflare fake;

    @BeforeEach
    void start() {
        fake = new FakeCloudflare("secret").start(0);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fake.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void refusesMissingAndWrongTokensWithEnvelopes() throws Exception {
        HttpResponse<String> missing = call("GET", "/zones", null, null);
        assertEquals(400, missing.statusCode());
        assertEquals(6003, json.readTree(missing.body()).at("/errors/0/code").asInt());
        HttpResponse<String> wrong = call("GET", "/zones", "nope", null);
        assertEquals(403, wrong.statusCode());
        JsonNode env = json.readTree(wrong.body());
        assertFalse(env.get("success").asBoolean());
        assertEquals("Authentication error", env.at("/errors/0/message").asText());
    }

    @Test
    void paginatesZones() throws Exception {
        for (int i = 0; i < 7; i++) {
            fake.addZone("zone" + i + ".test");
        }
        JsonNode page2 = json.readTree(call("GET", "/zones?page=2&per_page=5", "secret", null).body());
        assertTrue(page2.get("success").asBoolean());
        assertEquals(2, page2.get("result").size());
        assertEquals("zone5.test", page2.at("/result/0/name").asText());
        assertEquals(2, page2.at("/result_info/total_pages").asInt());
        assertEquals(7, page2.at("/result_info/total_count").asInt());
        JsonNode byName = json.readTree(call("GET", "/zones?name=zone3.test", "secret", null).body());
        assertEquals(1, byName.get("result").size());
    }

    @Test
    void createsListsAndDeletesRecordsAndRecordsCalls() throws Exception {
        String zone = fake.addZone("example.org");
        String body = "{\"type\":\"CNAME\",\"name\":\"www.example.org\",\"content\":\"app.paas.test\",\"proxied\":true}";
        JsonNode created = json.readTree(call("POST", "/zones/" + zone + "/dns_records", "secret", body).body());
        String id = created.at("/result/id").asText();
        assertEquals(32, id.length());
        assertEquals(400, call("POST", "/zones/" + zone + "/dns_records", "secret", body).statusCode());
        assertEquals(1, json.readTree(call("GET", "/zones/" + zone + "/dns_records", "secret", null).body())
                .get("result").size());
        assertEquals(200, call("DELETE", "/zones/" + zone + "/dns_records/" + id, "secret", null).statusCode());
        HttpResponse<String> again = call("DELETE", "/zones/" + zone + "/dns_records/" + id, "secret", null);
        assertEquals(404, again.statusCode());
        assertEquals(81044, json.readTree(again.body()).at("/errors/0/code").asInt());
        assertEquals("POST /client/v4/zones/" + zone + "/dns_records", fake.calls().get(0).toString());
        assertEquals(5, fake.calls().size());
    }

    @Test
    void failsTheNextCallWhenTold() throws Exception {
        fake.failNext(429, 10000, "Rate limited");
        HttpResponse<String> r = call("GET", "/zones", "secret", null);
        assertEquals(429, r.statusCode());
        assertEquals("Rate limited", json.readTree(r.body()).at("/errors/0/message").asText());
        assertEquals(200, call("GET", "/zones", "secret", null).statusCode());
    }
}
