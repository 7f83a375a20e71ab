package win.pvdify.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import win.pvdify.RecordingRuntime;
import win.pvdify.TestDaemon;
import win.pvdify.api.CreateApp;
import win.pvdify.api.CreateToken;
import win.pvdify.api.DeployRequest;
import win.pvdify.api.Maintenance;
import win.pvdify.api.Operation;
import win.pvdify.api.client.ApiException;
import win.pvdify.api.client.PvdifyClient;

/** Maintenance mode over HTTP against the real daemon: an operation per switch, the state in SQLite, bad input. */
class MaintenanceApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicReference<RecordingRuntime> runtime = new AtomicReference<>();
    private TestDaemon t;
    private PvdifyClient api;

    @BeforeEach
    void start() {
        t = new TestDaemon(b -> b.runtime(p -> {
            runtime.set(new RecordingRuntime(p.ledger()));
            return runtime.get();
        }));
        api = t.admin();
        api.createApp(new CreateApp("shop", null));
    }

    @AfterEach
    void stop() {
        t.close();
    }

    private HttpResponse<String> put(String body, String query) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(t.daemon.baseUrl() + "/api/v1/apps/shop/maintenance" + query))
                .header("Authorization", "Bearer " + t.adminToken).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void offUntilTurnedOnThenOnWithItsMessageAndOffAgain() throws Exception {
        assertEquals(new Maintenance(false, null, null), api.maintenance("shop"));
        api.deploy("shop", new DeployRequest("example.com/shop:1", null));
        runtime.get().calls.clear();

        HttpResponse<String> res = put("{\"enabled\":true,\"message\":\"<script>alert(1)</script>\",\"retry_after\":120}",
                "");
        assertEquals(202, res.statusCode(), res.body());
        JsonNode op = JSON.readTree(res.body());
        assertEquals("maintenance", op.get("kind").asText());
        assertEquals("Maintenance mode on", op.get("description").asText());
        Operation ended = api.followOperation(op.get("id").asLong(), 0, e -> { });
        assertEquals("succeeded", ended.state(), ended.error());
        assertEquals(new Maintenance(true, "<script>alert(1)</script>", 120), api.maintenance("shop"),
                "stored as text; the page escapes it");
        assertEquals(java.util.List.of("refreshRoutes shop"), runtime.get().calls, "the route is pushed again");

        // a deploy in maintenance mode still works (the route's upstreams change underneath)
        assertEquals("current", api.deploy("shop", new DeployRequest("example.com/shop:2", null)).status());
        assertEquals(true, api.maintenance("shop").enabled());

        assertEquals(new Maintenance(false, null, null), api.setMaintenance("shop", new Maintenance(false, null, null)));
        assertTrue(api.logs("shop", 50, null).stream().anyMatch(l -> l.contains("Maintenance mode off by")),
                "a platform log line says who switched it");
    }

    @Test
    void waitAnswersTheStateAndAnAppWithoutDeploysOnlyRecordsIt() throws Exception {
        HttpResponse<String> res = put("{\"enabled\":true}", "?wait=true");
        assertEquals(200, res.statusCode(), res.body());
        JsonNode state = JSON.readTree(res.body());
        assertTrue(state.get("enabled").asBoolean());
        assertTrue(state.get("message") == null || state.get("message").isNull());
        assertEquals(java.util.List.of(), runtime.get().calls, "nothing deployed: no route to push");
        var ops = api.operations("shop", 5);
        assertEquals("maintenance", ops.getFirst().kind());
    }

    @Test
    void badInputIs422AndChangesNothing() throws Exception {
        String tooLong = "x".repeat(1001);
        for (String body : new String[] {
                "{\"enabled\":true,\"message\":\"" + tooLong + "\"}",
                "{\"enabled\":true,\"message\":\"ring \\u0007 the bell\"}",
                "{\"enabled\":true,\"message\":\"escape \\u001b[31m red\"}",
                "{\"enabled\":true,\"retry_after\":0}",
                "{\"enabled\":true,\"retry_after\":86401}",
                "{\"enabled\":true,\"retry_after\":\"soon\"}",
                "{\"message\":\"no switch\"}"}) {
            HttpResponse<String> res = put(body, "");
            assertEquals(422, res.statusCode(), body + " -> " + res.body());
            assertTrue(JSON.readTree(res.body()).get("error").isTextual());
        }
        assertEquals(400, put("", "").statusCode());
        assertEquals(new Maintenance(false, null, null), api.maintenance("shop"));
        assertEquals(0, api.operations("shop", 5).size());
        // line breaks, tabs and 1000 characters (code points) are fine
        assertEquals(true, api.setMaintenance("shop", new Maintenance(true, "a\r\nb\tc {env.HOME}", 86400)).enabled());
        assertEquals("🛠".repeat(1000), api.setMaintenance("shop", new Maintenance(true, "🛠".repeat(1000), 1)).message());
    }

    @Test
    void onlyAdminsSwitchItAndUnknownAppsAre404() {
        String deploy = api.createToken(new CreateToken("deploy", "shop", "ci")).secret();
        PvdifyClient ci = t.client(deploy);
        assertEquals(false, ci.maintenance("shop").enabled(), "a deploy token may read it");
        assertEquals(403, assertThrows(ApiException.class,
                () -> ci.startSetMaintenance("shop", new Maintenance(true, null, null))).status());
        assertEquals(404, assertThrows(ApiException.class, () -> api.maintenance("nope")).status());
        assertEquals(404, assertThrows(ApiException.class,
                () -> api.startSetMaintenance("nope", new Maintenance(true, null, null))).status());
        assertNull(api.maintenance("shop").message());
    }
}
