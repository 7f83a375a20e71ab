package win.pvdify.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import win.pvdify.RecordingRuntime;
import win.pvdify.TestDaemon;
import win.pvdify.api.ApiJson;
import win.pvdify.api.CreateApp;
import win.pvdify.api.CreateToken;
import win.pvdify.api.DeployRequest;
import win.pvdify.api.FormationEntry;
import win.pvdify.api.client.ApiException;
import win.pvdify.api.client.PvdifyClient;
import win.pvdify.testing.Poll;

/**
 * Webhooks end to end on the real daemon: deliveries to a real HTTP receiver on loopback, signed, retried with
 * back-off, logged; bad input refused; secrets not on disk in clear.
 */
class WebhookDeliveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "whsec-0123456789abcdef";
    private final HttpClient http = HttpClient.newHttpClient();
    private TestDaemon t;
    private PvdifyClient admin;
    private HttpServer receiver;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    /** Status codes the receiver answers, in turn; 200 once used up. */
    private final ArrayDeque<Integer> answers = new ArrayDeque<>();

    record Received(String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            received.add(new Received(ex.getRequestURI().toString(), Map.copyOf(ex.getRequestHeaders()),
                    new String(body, StandardCharsets.UTF_8)));
            Integer code;
            synchronized (answers) {
                code = answers.poll();
            }
            ex.sendResponseHeaders(code == null ? 200 : code, -1);
            ex.close();
        });
        receiver.start();
        t = new TestDaemon(b -> b.runtime(p -> new RecordingRuntime(p.ledger()))
                .webhookRetryBase(Duration.ofMillis(100)));
        admin = t.admin();
        admin.createApp(new CreateApp("obs-hooks", null));
    }

    @AfterEach
    void stop() {
        t.close();
        receiver.stop(0);
    }

    private String hookUrl(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    private HttpResponse<String> post(String path, String body, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(t.daemon.baseUrl() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode add(String body) throws Exception {
        HttpResponse<String> r = post("/api/v1/apps/obs-hooks/webhooks", body, t.adminToken);
        assertEquals(201, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private JsonNode deliveries(String id) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(t.daemon.baseUrl()
                + "/api/v1/apps/obs-hooks/webhooks/" + id + "/deliveries"))
                .header("Authorization", "Bearer " + t.adminToken).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private Received next() throws InterruptedException {
        Received r = received.poll(20, TimeUnit.SECONDS);
        assertNotNull(r, "no delivery within 20 s");
        return r;
    }

    @Test
    void aFailedDeployIsDeliveredSignedAndTheSignatureVerifies() throws Exception {
        JsonNode hook = add("{\"url\":\"" + hookUrl("/in?k=v") + "\",\"include\":[\"release\",\"operation\"],"
                + "\"secret\":\"" + SECRET + "\"}");
        assertEquals("http://127.0.0.1:" + receiver.getAddress().getPort() + "/...", hook.path("url").asText());
        assertTrue(hook.path("signed").asBoolean());
        assertFalse(hook.toString().contains(SECRET), hook.toString());

        assertEquals("failed", admin.deploy("obs-hooks", new DeployRequest("example.com/broken:1", null)).status());
        Received r = next();
        assertEquals("/in?k=v", r.path());
        assertEquals("operation", r.header("Pvdify-Event"));
        assertEquals("application/json", r.header("Content-Type"));
        JsonNode event = JSON.readTree(r.body());
        assertEquals("operation", event.path("event").asText());
        assertEquals("obs-hooks", event.path("app").asText());
        assertEquals("deploy", event.path("operation").path("kind").asText());
        assertEquals("failed", event.path("operation").path("state").asText());
        assertEquals(r.header("Pvdify-Delivery"), event.path("delivery").asText());

        // verify as a receiver would: t=..., v1=HMAC-SHA256(secret, t + "." + body)
        String sig = r.header("Pvdify-Signature");
        long ts = Long.parseLong(sig.substring(2, sig.indexOf(',')));
        assertTrue(Math.abs(System.currentTimeMillis() / 1000 - ts) < 60, sig);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal((ts + "." + r.body()).getBytes(StandardCharsets.UTF_8));
        assertTrue(java.security.MessageDigest.isEqual(expected,
                java.util.HexFormat.of().parseHex(sig.substring(sig.indexOf("v1=") + 3))), sig);

        // a successful deploy is a release event
        admin.deploy("obs-hooks", new DeployRequest("nginx:1.27", null));
        Received ok = next();
        assertEquals("release", JSON.readTree(ok.body()).path("event").asText());
        JsonNode log = Poll.until("both delivered", Duration.ofSeconds(10), () -> {
            try {
                JsonNode d = deliveries(hook.path("id").asText());
                return d.size() == 2 && d.get(0).path("state").asText().equals("delivered") ? d : null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(200, log.get(0).path("status_code").asInt());
        assertEquals("release", log.get(0).path("event").asText());
        assertEquals("operation", log.get(1).path("event").asText());

        // neither the secret nor the URL's path is in the database file in clear
        String db = new String(Files.readAllBytes(t.daemon.store().db().file()), StandardCharsets.ISO_8859_1)
                + new String(Files.readAllBytes(t.daemon.store().db().file().resolveSibling(
                        t.daemon.store().db().file().getFileName() + "-wal")), StandardCharsets.ISO_8859_1);
        assertFalse(db.contains(SECRET));
        assertFalse(db.contains("/in?k=v"));
    }

    @Test
    void aReceiverThatFailsIsRetriedWithBackOffUntilItAnswers2xx() throws Exception {
        synchronized (answers) {
            answers.addAll(List.of(500, 503));
        }
        JsonNode hook = add("{\"url\":\"" + hookUrl("/slack") + "\",\"include\":[\"dyno\"],\"format\":\"slack\"}");
        admin.scale("obs-hooks", List.of(new FormationEntry("web", 2, null)));
        admin.setConfig("obs-hooks", Map.of("A", "b")); // not a dyno event: no delivery
        Received first = next();
        Received second = next();
        Received third = next();
        assertEquals(first.body(), third.body());
        assertEquals(first.header("Pvdify-Delivery"), second.header("Pvdify-Delivery"));
        assertTrue(JSON.readTree(third.body()).path("text").asText().startsWith("obs-hooks: Scale"), third.body());
        assertEquals(null, third.header("Pvdify-Signature"));
        JsonNode log = Poll.until("delivered after retries", Duration.ofSeconds(10), () -> {
            try {
                JsonNode d = deliveries(hook.path("id").asText());
                return d.size() == 1 && d.get(0).path("state").asText().equals("delivered") ? d : null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(3, log.get(0).path("attempts").asInt());
        assertEquals(200, log.get(0).path("status_code").asInt());
        assertEquals(0, received.size(), received.toString());
    }

    @Test
    void aReceiverThatIsDownLeavesTheDeliveryPendingWithItsError() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        JsonNode hook = add("{\"url\":\"http://127.0.0.1:" + closedPort + "/down\"}");
        admin.restart("obs-hooks", null);
        JsonNode d = Poll.until("an attempt", Duration.ofSeconds(10), () -> {
            try {
                JsonNode l = deliveries(hook.path("id").asText());
                return l.size() == 1 && l.get(0).path("attempts").asInt() >= 1 ? l.get(0) : null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(d.path("error").asText().length() > 0, d.toString());
        assertTrue(d.path("error").asText().startsWith("cannot connect"), d.toString());
        assertTrue(d.path("status_code").isMissingNode(), d.toString()); // no answer: no status
    }

    @Test
    void badInputIsRefusedClearly() throws Exception {
        String port = String.valueOf(t.daemon.port());
        String[][] cases = {
            {"{\"url\":\"ftp://example.com/\"}", "422", "http:// or https://"},
            {"{\"url\":\"https://u:p@example.com/\"}", "422", "credentials"},
            {"{\"url\":\"http://127.0.0.1:" + port + "/api/v1/apps\"}", "422", "own API"},
            {"{\"url\":\"https://example.com/\",\"include\":[\"everything\"]}", "422", "include must name"},
            {"{\"url\":\"https://example.com/\",\"format\":\"xml\"}", "422", "format must be json or slack"},
            {"{\"url\":\"https://example.com/\",\"secret\":\"short\"}", "422", "secret must be 8 to 256"},
            {"{\"url\":\"https://example.com/\",\"secret\":\"has\\nnewline\"}", "422", "secret must be"},
            {"{\"url\":42}", "422", ""},
            {"{\"url\":\"https://example.com/\",\"include\":\"release\"}", "422", ""},
            {"not json", "400", ""},
            {"{\"url\":\"https://example.com/" + "x".repeat(3000) + "\"}", "422", "longer than 2048"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = post("/api/v1/apps/obs-hooks/webhooks", c[0], t.adminToken);
            assertEquals(Integer.parseInt(c[1]), r.statusCode(), c[0] + " -> " + r.body());
            assertTrue(r.body().contains(c[2]) && r.body().contains("\"error\""), c[0] + " -> " + r.body());
        }
        assertEquals(404, post("/api/v1/apps/no-such-app/webhooks", "{\"url\":\"https://example.com/\"}",
                t.adminToken).statusCode());
        String deploy = admin.createToken(new CreateToken("deploy", "obs-hooks", null)).secret();
        assertEquals(403, post("/api/v1/apps/obs-hooks/webhooks", "{\"url\":\"https://example.com/\"}", deploy)
                .statusCode());
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(t.daemon.baseUrl()
                + "/api/v1/apps/obs-hooks/webhooks/wh_nothing")).header("Authorization", "Bearer " + t.adminToken)
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, missing.statusCode(), missing.body());
        HttpResponse<String> junkLimit = http.send(HttpRequest.newBuilder(URI.create(t.daemon.baseUrl()
                + "/api/v1/apps/obs-hooks/webhooks/wh_x/deliveries?limit=abc"))
                .header("Authorization", "Bearer " + t.adminToken).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, junkLimit.statusCode());
        for (int i = 0; i < 20; i++) {
            add("{\"url\":\"https://example.com/" + i + "\"}");
        }
        HttpResponse<String> tooMany = post("/api/v1/apps/obs-hooks/webhooks", "{\"url\":\"https://example.com/\"}",
                t.adminToken);
        assertEquals(422, tooMany.statusCode());
        // the audit log has the addition, never the secret
        String audit = new String(new ApiJson().write(admin.audit("obs-hooks", null, null, 100)),
                StandardCharsets.UTF_8);
        assertTrue(audit.contains("Add webhook wh_"), audit);
    }
}
