package win.pvdify.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import win.pvdify.TestDaemon;
import win.pvdify.api.CreateApp;
import win.pvdify.api.Healthcheck;
import win.pvdify.api.HealthcheckReport;
import win.pvdify.api.UpdateApp;
import win.pvdify.api.client.PvdifyClient;

/** The deploy health check's settings over HTTP: PATCH /apps/{name} stores them, GET /checks reports them. */
class ChecksApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private TestDaemon t;
    private PvdifyClient api;

    @BeforeEach
    void start() {
        t = new TestDaemon(b -> { });
        api = t.admin();
        api.createApp(new CreateApp("shop", null));
    }

    @AfterEach
    void stop() {
        t.close();
    }

    private HttpResponse<String> patch(String healthcheck) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(t.daemon.baseUrl() + "/api/v1/apps/shop"))
                .header("Authorization", "Bearer " + t.adminToken).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"healthcheck\":" + healthcheck + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void configuredAndEffectiveSideBySide() throws Exception {
        HealthcheckReport none = api.checks("shop");
        assertEquals(new Healthcheck(null, null, null, null), none.configured());
        assertEquals(new Healthcheck(null, 1, 5, 3, "200-399", null, null, 0, 60).withLiveness(true, 10, 3, true, 300),
                none.effective());

        HttpResponse<String> res = patch("{\"path\":\"/up\",\"status\":\"200-299\",\"body\":\"ok\",\"host\":"
                + "\"www.example.com\",\"timeout\":5,\"retries\":3,\"initial_delay\":2,\"deploy_timeout\":30}");
        assertEquals(200, res.statusCode(), res.body());
        assertEquals("200-299", JSON.readTree(res.body()).get("healthcheck").get("status").asText());
        HealthcheckReport set = api.checks("shop");
        Healthcheck expected = new Healthcheck("/up", null, 5, 3, "200-299", "ok", "www.example.com", 2, 30);
        assertEquals(expected, set.configured());
        assertEquals(new Healthcheck("/up", 1, 5, 3, "200-299", "ok", "www.example.com", 2, 30)
                .withLiveness(true, 10, 3, true, 300), set.effective());
        assertEquals(expected, api.app("shop").healthcheck());

        // what the first API version sent still works (and replaces the whole check, as PATCH always did)
        api.updateApp("shop", new UpdateApp(null, null, new Healthcheck("/health", 2, null, null), null, null));
        assertNull(api.checks("shop").configured().status());
        assertEquals("/health", api.checks("shop").effective().path());
    }

    @Test
    void livenessAndRollbackSettingsShowConfiguredAndEffective() throws Exception {
        HttpResponse<String> res = patch("{\"liveness\":false,\"liveness_interval\":2,\"liveness_threshold\":5,"
                + "\"auto_rollback\":false,\"rollback_window\":60}");
        assertEquals(200, res.statusCode(), res.body());
        HealthcheckReport r = api.checks("shop");
        Healthcheck configured = new Healthcheck(null, null, null, null).withLiveness(false, 2, 5, false, 60);
        assertEquals(configured, r.configured());
        assertEquals(new Healthcheck(null, 1, 5, 3, "200-399", null, null, 0, 60).withLiveness(false, 2, 5, false, 60),
                r.effective());
    }

    @Test
    void outOfRangeSettingsAre422AndChangeNothing() throws Exception {
        String[] bad = {
            "{\"status\":\"2xx\"}", "{\"status\":\"600\"}", "{\"status\":\"399-200\"}",
            "{\"body\":\"" + "x".repeat(257) + "\"}", "{\"body\":\"a\\nb\"}",
            "{\"host\":\"evil.example.com/path\"}", "{\"host\":\"a b\"}", "{\"host\":\"x.com:70000\"}",
            "{\"initial_delay\":-1}", "{\"initial_delay\":601}", "{\"deploy_timeout\":0}", "{\"deploy_timeout\":3601}",
            "{\"initial_delay\":30,\"deploy_timeout\":10}", "{\"timeout\":0}", "{\"retries\":101}",
            "{\"interval\":0}", "{\"path\":\"no-slash\"}", "{\"deploy_timeout\":\"soon\"}",
            "{\"liveness_interval\":0}", "{\"liveness_interval\":3601}", "{\"liveness_threshold\":0}",
            "{\"liveness_threshold\":101}", "{\"rollback_window\":9}", "{\"rollback_window\":86401}",
            "{\"liveness\":\"yes\"}", "{\"auto_rollback\":1}", "{\"liveness_interval\":1e99}"};
        for (String body : bad) {
            HttpResponse<String> res = patch(body);
            assertEquals(422, res.statusCode(), body + " -> " + res.body());
            assertTrue(JSON.readTree(res.body()).get("error").asText().contains("healthcheck."), res.body());
        }
        assertEquals(new Healthcheck(null, null, null, null), api.checks("shop").configured());
    }
}
