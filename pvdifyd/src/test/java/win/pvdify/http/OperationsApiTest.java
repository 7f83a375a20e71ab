package win.pvdify.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import win.pvdify.GatedRuntime;
import win.pvdify.TestDaemon;
import win.pvdify.api.CreateApp;
import win.pvdify.api.CreateToken;
import win.pvdify.api.client.PvdifyClient;
import win.pvdify.ops.OperationKind;
import win.pvdify.store.StoredOperation;
import win.pvdify.testing.Poll;

/** Operations over HTTP against the real daemon: 202 at once, followers, order, cancel, limits, restarts. */
class OperationsApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicReference<GatedRuntime> runtime = new AtomicReference<>();
    private TestDaemon t;
    private PvdifyClient api;

    @BeforeEach
    void start() {
        t = new TestDaemon(b -> b.runtime(p -> {
            runtime.set(new GatedRuntime(p.ledger()));
            return runtime.get();
        }));
        api = t.admin();
        api.createApp(new CreateApp("shop", null));
    }

    @AfterEach
    void stop() {
        t.close();
    }

    private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(t.daemon.baseUrl() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return send(method, path, body, t.adminToken);
    }

    private long deploy(String image) throws Exception {
        HttpResponse<String> res = send("POST", "/api/v1/apps/shop/releases", "{\"image\":\"" + image + "\"}");
        assertEquals(202, res.statusCode(), res.body());
        long id = JSON.readTree(res.body()).get("id").asLong();
        assertEquals("/api/v1/operations/" + id, res.headers().firstValue("Location").orElseThrow());
        return id;
    }

    private JsonNode operation(long id) throws Exception {
        return JSON.readTree(send("GET", "/api/v1/operations/" + id, null).body());
    }

    private String state(long id) {
        try {
            return operation(id).get("state").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitState(long id, String state) {
        Poll.until("operation " + id + " " + state, Duration.ofSeconds(20), () -> state.equals(state(id)) ? true : null);
    }

    /** One SSE event: id, event name, data. */
    record Sse(long id, String event, JsonNode data) {
    }

    /** Reads the event stream to its end (the server closes it after the final event). */
    private List<Sse> follow(long id, String lastEventId) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(t.daemon.baseUrl() + "/api/v1/operations/" + id
                + "/events")).header("Authorization", "Bearer " + t.adminToken);
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> res = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, res.statusCode());
        assertEquals("text/event-stream", res.headers().firstValue("Content-Type").orElseThrow());
        List<Sse> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
            long seq = -1;
            String event = null;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("id: ")) {
                    seq = Long.parseLong(line.substring(4));
                } else if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    out.add(new Sse(seq, event, JSON.readTree(line.substring(6))));
                }
            }
        }
        return out;
    }

    @Test
    void deployAnswersAtOnceAndEveryFollowerSeesEveryEvent() throws Exception {
        runtime.get().close("shop:1");
        long started = System.nanoTime();
        long id = deploy("shop:1");
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 5, "202 comes before the deploy ends");
        awaitState(id, "running");
        CompletableFuture<List<Sse>> first = CompletableFuture.supplyAsync(() -> {
            try {
                return follow(id, null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // a client that reads a little and goes away stops nothing
        HttpResponse<InputStream> dropped = http.send(HttpRequest.newBuilder(URI.create(t.daemon.baseUrl()
                        + "/api/v1/operations/" + id + "/events")).header("Authorization", "Bearer " + t.adminToken)
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        dropped.body().read();
        dropped.body().close();
        runtime.get().open("shop:1");
        List<Sse> events = first.get();
        assertEquals("queued", events.getFirst().event());
        assertEquals("succeeded", events.getLast().event());
        assertEquals("succeeded", events.getLast().data().get("operation").get("state").asText());
        assertEquals(1, events.getLast().data().get("operation").get("release").asInt());
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i + 1, events.get(i).id(), "events numbered from 1 without gaps");
        }
        assertTrue(events.stream().anyMatch(e -> e.event().equals("release")));
        assertTrue(events.stream().anyMatch(e -> e.event().equals("health")));
        // a second client, later, from an event id: exactly the rest
        List<Sse> rest = follow(id, "2");
        assertEquals(events.subList(2, events.size()).stream().map(Sse::id).toList(), rest.stream().map(Sse::id).toList());
        assertEquals(List.of(), follow(id, String.valueOf(events.getLast().id())));
        assertEquals(1, api.app("shop").currentRelease());
    }

    @Test
    void deploysAndAConfigChangeSentTogetherRunInOrderWithSequentialVersions() throws Exception {
        runtime.get().close("shop:1");
        long a = deploy("shop:1");
        long b = deploy("shop:2");
        HttpResponse<String> c = send("PUT", "/api/v1/apps/shop/config", "{\"GREETING\":\"hello\"}");
        assertEquals(202, c.statusCode(), c.body());
        long cid = JSON.readTree(c.body()).get("id").asLong();
        assertEquals("queued", state(b));
        runtime.get().open("shop:1");
        awaitState(cid, "succeeded");
        assertEquals("succeeded", state(a));
        assertEquals("succeeded", state(b));
        assertEquals(List.of(1, 2, 3), List.of(operation(a).get("release").asInt(), operation(b).get("release").asInt(),
                operation(cid).get("release").asInt()));
        assertEquals(List.of("deploy shop v1 shop:1", "deploy shop v2 shop:2", "deploy shop v3 shop:2"),
                runtime.get().calls.stream().filter(s -> s.startsWith("deploy")).toList());
        assertEquals("hello", api.config("shop").vars().get("GREETING"));
        JsonNode history = JSON.readTree(send("GET", "/api/v1/apps/shop/operations", null).body());
        assertEquals(3, history.size());
        assertEquals(cid, history.get(0).get("id").asLong(), "newest first");
        assertEquals("config", history.get(0).get("kind").asText());
    }

    @Test
    void cancelStopsAQueuedOneAtOnceAndARunningDeployKeepsTheOldRelease() throws Exception {
        long v1 = deploy("shop:1");
        awaitState(v1, "succeeded");
        runtime.get().close("shop:2");
        long running = deploy("shop:2");
        long queued = deploy("shop:3");
        awaitState(running, "running");
        HttpResponse<String> cq = send("DELETE", "/api/v1/operations/" + queued, null);
        assertEquals(202, cq.statusCode(), cq.body());
        assertEquals("cancelled", JSON.readTree(cq.body()).get("state").asText());
        HttpResponse<String> cr = send("DELETE", "/api/v1/operations/" + running, null);
        assertEquals(202, cr.statusCode(), cr.body());
        awaitState(running, "cancelled");
        assertEquals(1, api.app("shop").currentRelease(), "the old release keeps serving");
        assertEquals("failed", api.release("shop", 2).status());
        assertTrue(runtime.get().calls.contains("cancelled shop v2"));
        assertFalse(runtime.get().calls.stream().anyMatch(s -> s.contains("shop:3") && s.startsWith("deploy")));
        HttpResponse<String> again = send("DELETE", "/api/v1/operations/" + running, null);
        assertEquals(409, again.statusCode());
        assertTrue(again.body().contains("already ended"));
        List<Sse> events = follow(running, null);
        assertEquals("cancelled", events.getLast().event());
    }

    @Test
    void waitTrueGivesTheOldBlockingAnswer() throws Exception {
        HttpResponse<String> res = send("POST", "/api/v1/apps/shop/releases?wait=true", "{\"image\":\"shop:1\"}");
        assertEquals(201, res.statusCode(), res.body());
        assertEquals("current", JSON.readTree(res.body()).get("status").asText());
        assertEquals(400, send("POST", "/api/v1/apps/shop/releases?wait=maybe", "{\"image\":\"shop:1\"}").statusCode());
        HttpResponse<String> scale = send("POST", "/api/v1/apps/shop/ps/scale?wait=true",
                "{\"updates\":[{\"type\":\"web\",\"count\":2}]}");
        assertEquals(200, scale.statusCode(), scale.body());
        HttpResponse<String> del = send("DELETE", "/api/v1/apps/shop?wait=true", null);
        assertEquals(204, del.statusCode(), del.body());
        assertEquals(404, send("GET", "/api/v1/apps/shop", null).statusCode());
    }

    @Test
    void badOperationRequestsAreClearErrors() throws Exception {
        long id = deploy("shop:1");
        awaitState(id, "succeeded");
        assertEquals(404, send("GET", "/api/v1/operations/999999", null).statusCode());
        assertEquals(404, send("GET", "/api/v1/operations/abc", null).statusCode());
        assertEquals(404, send("GET", "/api/v1/operations/" + "9".repeat(40), null).statusCode());
        assertEquals(404, send("DELETE", "/api/v1/operations/-1", null).statusCode());
        HttpResponse<String> junk = http.send(HttpRequest.newBuilder(URI.create(t.daemon.baseUrl()
                        + "/api/v1/operations/" + id + "/events")).header("Authorization", "Bearer " + t.adminToken)
                .header("Last-Event-ID", "<script>").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, junk.statusCode());
        assertTrue(junk.body().contains("\"error\""));
        assertEquals(422, send("GET", "/api/v1/apps/shop/operations?limit=0", null).statusCode());
        assertEquals(422, send("GET", "/api/v1/apps/shop/operations?limit=x", null).statusCode());
        assertEquals(404, send("GET", "/api/v1/apps/nope/operations", null).statusCode());

        api.createApp(new CreateApp("other", null));
        String otherToken = api.createToken(new CreateToken("deploy", "other", "ci")).secret();
        assertEquals(403, send("GET", "/api/v1/operations/" + id, null, otherToken).statusCode());
        assertEquals(403, send("GET", "/api/v1/operations/" + id + "/events", null, otherToken).statusCode());
        assertEquals(403, send("DELETE", "/api/v1/operations/" + id, null, otherToken).statusCode());
        String shopToken = api.createToken(new CreateToken("deploy", "shop", "ci")).secret();
        assertEquals(200, send("GET", "/api/v1/operations/" + id, null, shopToken).statusCode());
    }

    @Test
    void aFloodOfDeploysIsQueuedUpToTheLimitThen429() throws Exception {
        runtime.get().close("shop:1");
        long first = deploy("shop:1");
        awaitState(first, "running");
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 100; i++) {
            HttpResponse<String> res = send("POST", "/api/v1/apps/shop/releases", "{\"image\":\"shop:2\"}");
            if (res.statusCode() == 202) {
                accepted++;
            } else {
                assertEquals(429, res.statusCode(), res.body());
                assertTrue(res.body().contains("at most " + win.pvdify.ops.OperationQueue.MAX_QUEUED_PER_APP));
                assertNotNull(res.headers().firstValue("Retry-After").orElse(null));
                refused++;
            }
        }
        assertEquals(win.pvdify.ops.OperationQueue.MAX_QUEUED_PER_APP, accepted);
        assertEquals(100 - accepted, refused);
        // a refused change changes nothing: no config version, no deleting mark, no formation, no domain
        int configVersion = api.config("shop").configVersion();
        assertEquals(429, send("PUT", "/api/v1/apps/shop/config", "{\"K\":\"v\"}").statusCode());
        assertEquals(configVersion, api.config("shop").configVersion());
        assertEquals(429, send("POST", "/api/v1/apps/shop/ps/scale", "{\"updates\":[{\"type\":\"web\",\"count\":3}]}")
                .statusCode());
        assertEquals(1, api.ps("shop").formation().getFirst().count());
        assertEquals(429, send("POST", "/api/v1/apps/shop/domains", "{\"hostname\":\"www.shop.test\"}").statusCode());
        assertEquals(1, api.domains("shop").size());
        assertEquals(429, send("DELETE", "/api/v1/apps/shop", null).statusCode());
        assertFalse("deleting".equals(api.app("shop").status()));
        runtime.get().open("shop:1");
    }

    @Test
    void queuedOperationsSurviveARestartAndRunningOnesAreSettled() throws Exception {
        var ops = t.daemon.store().operations();
        StoredOperation cut = ops.insert("shop", OperationKind.SCALE, "Scale to web=1", "admin", java.util.Map.of(),
                "Queued");
        ops.markRunning(cut.id());
        StoredOperation waiting = ops.insert("shop", OperationKind.RESTART, "Restart all dynos", "admin",
                java.util.Map.of(), "Queued");
        java.nio.file.Path dir = t.dataDir;
        t.close();
        t = new TestDaemon(dir, b -> b.runtime(p -> {
            runtime.set(new GatedRuntime(p.ledger()));
            return runtime.get();
        }));
        awaitState(waiting.id(), "succeeded");
        assertTrue(runtime.get().calls.contains("restart shop null"));
        JsonNode settled = operation(cut.id());
        assertEquals("failed", settled.get("state").asText());
        assertTrue(settled.get("error").asText().contains("restarted"));
    }
}
