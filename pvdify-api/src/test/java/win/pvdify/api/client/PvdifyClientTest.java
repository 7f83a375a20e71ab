package win.pvdify.api.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import win.pvdify.api.App;
import win.pvdify.api.ConfigVars;
import win.pvdify.api.DeployRequest;
import win.pvdify.api.Release;
import win.pvdify.api.UpdateApp;

/** PvdifyClient's HTTP exchanges against a JDK HttpServer: requests as sent, answers and failures as typed. */
class PvdifyClientTest {
    private HttpServer server;
    /** "METHOD raw-path auth body" of every request the server saw. */
    private final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
    private final Map<String, Handler> routes = new LinkedHashMap<>();

    interface Handler {
        void handle(HttpExchange ex) throws IOException;
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(ex.getRequestMethod() + " " + ex.getRequestURI().getRawPath() + " "
                    + ex.getRequestHeaders().getFirst("Authorization") + " " + body);
            Handler h = routes.get(ex.getRequestMethod() + " " + ex.getRequestURI().getRawPath());
            if (h == null) {
                answer(ex, 404, "{\"error\":\"no route\",\"id\":\"r-404\"}");
            } else {
                h.handle(ex);
            }
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.getResponseHeaders().set("X-Request-Id", "hdr-id");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
    }

    private PvdifyClient client() {
        return new PvdifyClient("http://127.0.0.1:" + server.getAddress().getPort() + "/", "sekret");
    }

    @Test
    void readsTypedAnswersAndSendsTheToken() {
        routes.put("GET /api/v1/apps", ex -> answer(ex, 200,
                "[{\"name\":\"web\",\"current_release\":3,\"created_at\":\"2026-01-15T10:30:00Z\",\"new_field\":{}}]"));
        List<App> apps = client().apps();
        assertEquals(1, apps.size());
        assertEquals("web", apps.get(0).name());
        assertEquals(3, apps.get(0).currentRelease());
        assertEquals("GET /api/v1/apps Bearer sekret ", seen.peek());
    }

    @Test
    void errorAnswersCarryTheApiMessageAndRequestId() {
        ApiException e = assertThrows(ApiException.class, () -> client().app("ghost"));
        assertEquals(404, e.status());
        assertEquals("no route", e.getMessage());
        assertEquals("r-404", e.requestId());
    }

    @Test
    void aProxyErrorPageIsHttpStatusWithTheHeaderId() {
        routes.put("GET /api/v1/apps", ex -> answer(ex, 502, "<html>Bad Gateway</html>"));
        ApiException e = assertThrows(ApiException.class, () -> client().apps());
        assertEquals(502, e.status());
        assertEquals("HTTP 502", e.getMessage());
        assertEquals("hdr-id", e.requestId());
    }

    @Test
    void anAnswerThatIsNotTheExpectedJsonIsA502() {
        routes.put("GET /api/v1/apps", ex -> answer(ex, 200, "{\"not\":\"a list\"}"));
        ApiException e = assertThrows(ApiException.class, () -> client().apps());
        assertEquals(502, e.status());
        assertTrue(e.getMessage().contains("not the expected JSON"), e.getMessage());
    }

    @Test
    void anUnreachableApiIsStatusZero() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ApiException e = assertThrows(ApiException.class,
                () -> new PvdifyClient("http://127.0.0.1:" + port, "t").apps());
        assertEquals(0, e.status());
        assertTrue(e.getMessage().startsWith("cannot reach the Pvdify API"), e.getMessage());
    }

    @Test
    void namesArePathSegmentsNeverPaths() {
        assertThrows(ApiException.class, () -> client().app("a/../b c?d#e"));
        assertEquals("GET /api/v1/apps/a%2F..%2Fb%20c%3Fd%23e Bearer sekret ", seen.peek());
    }

    @Test
    void patchGoesThroughAndAnswersAreTyped() {
        routes.put("PATCH /api/v1/apps/web", ex -> answer(ex, 200, "{\"name\":\"web\",\"bind_port\":9000}"));
        App a = client().updateApp("web", new UpdateApp(9000, null, null, null, null));
        assertEquals(9000, a.bindPort());
        assertEquals("PATCH /api/v1/apps/web Bearer sekret {\"bind_port\":9000}", seen.peek());
        routes.put("PATCH /api/v1/apps/web", ex -> answer(ex, 422, "{\"error\":\"bad port\",\"id\":\"r-9\"}"));
        ApiException e = assertThrows(ApiException.class,
                () -> client().updateApp("web", new UpdateApp(0, null, null, null, null)));
        assertEquals(422, e.status());
        assertEquals("bad port", e.getMessage());
    }

    @Test
    void configUnsetIsSentAsNull() {
        routes.put("PUT /api/v1/apps/web/config", ex -> answer(ex, 200, "{\"config_version\":2,\"vars\":{\"A\":\"1\"}}"));
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("A", "1");
        vars.put("B", null);
        ConfigVars c = client().setConfig("web", vars);
        assertEquals(2, c.configVersion());
        assertEquals("PUT /api/v1/apps/web/config Bearer sekret {\"A\":\"1\",\"B\":null}", seen.peek());
    }

    @Test
    void deleteWithNoBodyIsFine() {
        routes.put("DELETE /api/v1/apps/web", ex -> answer(ex, 204, ""));
        client().deleteApp("web");
        assertEquals("DELETE /api/v1/apps/web Bearer sekret ", seen.peek());
    }

    @Test
    void deployProgressStreamsInOrderAndEndsWithTheRelease() {
        routes.put("POST /api/v1/apps/web/releases", ex -> {
            ex.getResponseHeaders().set("Content-Type", "application/x-ndjson");
            ex.sendResponseHeaders(200, 0); // chunked, like pvdifyd
            OutputStream out = ex.getResponseBody();
            out.write("{\"stage\":\"pull\",\"message\":\"pulling\"}\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            out.write("{\"stage\":\"done\",\"release\":{\"version\":4,\"status\":\"current\"}}\n"
                    .getBytes(StandardCharsets.UTF_8));
        });
        List<String> stages = new ArrayList<>();
        Release r = client().deploy("web", new DeployRequest("nginx:1", null), p -> stages.add(p.stage()));
        assertEquals(List.of("pull", "done"), stages);
        assertEquals(4, r.version());
        assertEquals("POST /api/v1/apps/web/releases Bearer sekret {\"image\":\"nginx:1\"}", seen.peek());
    }

    @Test
    void aDeployStreamWithoutAReleaseOrWithGarbageFailsClearly() {
        routes.put("POST /api/v1/apps/web/releases", ex -> answer(ex, 200, "{\"stage\":\"pull\"}\n"));
        ApiException e = assertThrows(ApiException.class,
                () -> client().deploy("web", new DeployRequest("x", null), p -> { }));
        assertEquals(502, e.status());
        routes.put("POST /api/v1/apps/web/releases", ex -> answer(ex, 200, "not json\n"));
        e = assertThrows(ApiException.class, () -> client().deploy("web", new DeployRequest("x", null), p -> { }));
        assertTrue(e.getMessage().startsWith("deploy stream broke"), e.getMessage());
        routes.put("POST /api/v1/apps/web/releases", ex -> answer(ex, 409, "{\"error\":\"a deploy is running\"}"));
        e = assertThrows(ApiException.class, () -> client().deploy("web", new DeployRequest("x", null), p -> { }));
        assertEquals(409, e.status());
        assertEquals("a deploy is running", e.getMessage());
    }

    @Test
    void logLinesStreamAndTheQueryIsEncoded() {
        routes.put("GET /api/v1/apps/web/logs", ex -> {
            ex.sendResponseHeaders(200, 0);
            ex.getResponseBody().write("one\ntwo\n".getBytes(StandardCharsets.UTF_8));
        });
        List<String> lines = new ArrayList<>();
        client().streamLogs("web", 5, "web&x=1", false, lines::add);
        assertEquals(List.of("one", "two"), lines);
        assertTrue(seen.stream().anyMatch(s -> s.startsWith("GET /api/v1/apps/web/logs ")));
    }

    @Test
    void aRedirectIsNotFollowedAndSaysWhereTo() {
        routes.put("GET /api/v1/apps", ex -> {
            ex.getResponseHeaders().set("Location", "https://pvdify.example.com/api/v1/apps");
            ex.sendResponseHeaders(308, -1);
        });
        ApiException e = assertThrows(ApiException.class, () -> client().apps());
        assertEquals(308, e.status());
        assertTrue(e.getMessage().contains("redirects to https://pvdify.example.com/api/v1/apps"), e.getMessage());
        assertEquals(1, seen.size(), "not followed: " + seen);
    }

    @Test
    void aHungServerEndsAReadWithAClearError() {
        routes.put("GET /api/v1/apps", ex -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        var quick = new PvdifyClient("http://127.0.0.1:" + server.getAddress().getPort(), "t", 300);
        ApiException e = assertThrows(ApiException.class, quick::apps);
        assertEquals(0, e.status());
        assertTrue(e.getMessage().endsWith("did not answer in time"), e.getMessage());
    }

    @Test
    void aBadBaseUrlIsRefusedAtOnce() {
        for (String bad : List.of("ftp://host", "localhost:9443", "http://", "file:///etc/passwd")) {
            assertThrows(IllegalArgumentException.class, () -> new PvdifyClient(bad, "t"), bad);
        }
    }
}
