package win.pvdify.api.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import win.pvdify.api.DeployRequest;
import win.pvdify.api.Operation;
import win.pvdify.api.OperationEvent;
import win.pvdify.api.ApiJson;

/** Operations through PvdifyClient: 202 answers, history, cancel, and the event stream with its re-attach. */
class OperationsClientTest {
    private static final Instant T = Instant.parse("2026-01-15T10:30:00Z");
    private final ApiJson json = new ApiJson();
    private HttpServer server;
    /** "METHOD path?query Last-Event-ID" of every request. */
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final List<OperationEvent> events = new ArrayList<>();
    /** Per connection to /events: how many events it sends before it drops (-1: all, then it ends normally). */
    private final List<Integer> cuts = new CopyOnWriteArrayList<>();
    private final AtomicInteger eventConnections = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        Operation running = op("running");
        events.add(new OperationEvent(1, T, "queued", "deploy nginx:1 queued", null));
        events.add(new OperationEvent(2, T, "pull", "layer 1/1", null));
        events.add(new OperationEvent(3, T, "start", "web.1 on port 30001", null));
        events.add(new OperationEvent(4, T, "health", "web.1 healthy", null));
        events.add(new OperationEvent(5, T, "succeeded", "v4 is current", op("succeeded")));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            String path = ex.getRequestURI().getRawPath();
            String q = ex.getRequestURI().getRawQuery();
            String last = ex.getRequestHeaders().getFirst("Last-Event-ID");
            seen.add(ex.getRequestMethod() + " " + path + (q == null ? "" : "?" + q) + (last == null ? "" : " " + last));
            switch (ex.getRequestMethod() + " " + path) {
                case "POST /api/v1/apps/web/releases" -> answer(ex, 202, json.write(running));
                case "GET /api/v1/operations/42" -> answer(ex, 200, json.write(running));
                case "GET /api/v1/apps/web/operations" -> answer(ex, 200, json.write(List.of(running, op("failed"))));
                case "DELETE /api/v1/operations/42" -> answer(ex, 202, json.write(op("cancelled")));
                case "DELETE /api/v1/operations/43" -> answer(ex, 409,
                        "{\"error\":\"operation 43 has ended\",\"id\":\"r1\"}".getBytes(StandardCharsets.UTF_8));
                case "GET /api/v1/operations/42/events" -> stream(ex, last == null ? 0 : Long.parseLong(last));
                default -> answer(ex, 404, "{\"error\":\"no route\"}".getBytes(StandardCharsets.UTF_8));
            }
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static Operation op(String state) {
        return new Operation(42, "web", "deploy", state, "Deploy nginx:1", "admin", 4,
                "failed".equals(state) ? "health check failed" : null, T, T, null);
    }

    private void answer(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
    }

    /** SSE like pvdifyd: events after `after`, a keep-alive comment, cut short when the test says so. */
    private void stream(HttpExchange ex, long after) throws IOException {
        int n = eventConnections.getAndIncrement();
        int cut = n < cuts.size() ? cuts.get(n) : -1;
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
        int sent = 0;
        for (OperationEvent e : events) {
            if (e.seq() <= after) {
                continue;
            }
            if (sent == cut) {
                out.write("id: 99\nevent: pull\ndata: {\"seq\":99,\"sta".getBytes(StandardCharsets.UTF_8));
                out.flush();
                return; // ex.close() ends the stream mid-event, like a dropped connection
            }
            out.write(("id: " + e.seq() + "\nevent: " + e.stage() + "\ndata: "
                    + new String(json.write(e), StandardCharsets.UTF_8) + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            sent++;
        }
    }

    private PvdifyClient client() {
        return new PvdifyClient("http://127.0.0.1:" + server.getAddress().getPort(), "t", 5_000,
                new long[] {10, 10, 10});
    }

    @Test
    void aChangeAnswersAtOnceWithItsOperation() {
        Operation o = client().startDeploy("web", new DeployRequest("nginx:1", null));
        assertEquals(42, o.id());
        assertEquals("running", o.state());
        assertEquals("POST /api/v1/apps/web/releases", seen.get(0));
    }

    @Test
    void theBlockingFormAsksToWait() {
        client().deploy("web", new DeployRequest("nginx:1", null));
        assertThrows(ApiException.class, () -> client().scale("web", List.of()));
        assertEquals(List.of("POST /api/v1/apps/web/releases?wait=true", "POST /api/v1/apps/web/ps/scale?wait=true"),
                seen);
    }

    @Test
    void operationsHistoryAndCancel() {
        assertEquals("running", client().operation(42).state());
        assertEquals(List.of("running", "failed"),
                client().operations("web", 5).stream().map(Operation::state).toList());
        assertTrue(seen.contains("GET /api/v1/apps/web/operations?limit=5"), seen.toString());
        assertEquals("cancelled", client().cancelOperation(42).state());
        ApiException e = assertThrows(ApiException.class, () -> client().cancelOperation(43));
        assertEquals(409, e.status());
        assertEquals("operation 43 has ended", e.getMessage());
    }

    @Test
    void followingHandsOnEveryEventInOrderAndReturnsTheEndedOperation() {
        List<Long> got = new ArrayList<>();
        Operation ended = client().followOperation(42, 0, e -> got.add(e.seq()));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), got);
        assertEquals("succeeded", ended.state());
        assertEquals(List.of("GET /api/v1/operations/42/events"), seen);
    }

    @Test
    void aDroppedStreamIsReattachedFromTheLastSeqAndNothingIsMissedOrRepeated() {
        cuts.addAll(List.of(2, 0, 1)); // drop after 2 events, then a connection with none, then after 1 more
        List<Long> got = new ArrayList<>();
        OperationFollow follow = client().operationFollow(42, 0, e -> got.add(e.seq()));
        Operation ended = follow.run();
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), got);
        assertEquals("succeeded", ended.state());
        assertEquals(3, follow.reconnects());
        assertEquals(List.of("GET /api/v1/operations/42/events", "GET /api/v1/operations/42/events 2",
                "GET /api/v1/operations/42/events 2", "GET /api/v1/operations/42/events 3"), seen);
    }

    @Test
    void followingFromASeqStartsAfterIt() {
        List<Long> got = new ArrayList<>();
        client().followOperation(42, 3, e -> got.add(e.seq()));
        assertEquals(List.of(4L, 5L), got);
        assertEquals(List.of("GET /api/v1/operations/42/events 3"), seen);
    }

    @Test
    void aStreamThatKeepsDroppingGivesUpWithStatusZero() {
        cuts.addAll(List.of(0, 0, 0, 0, 0));
        ApiException e = assertThrows(ApiException.class, () -> client().followOperation(42, 0, ev -> { }));
        assertEquals(0, e.status());
        assertTrue(e.getMessage().contains("lost the event stream of operation 42 after 3 tries"), e.getMessage());
        assertEquals(4, eventConnections.get());
    }

    @Test
    void anUnknownOperationIsA404WithoutRetries() {
        ApiException e = assertThrows(ApiException.class, () -> client().followOperation(7, 0, ev -> { }));
        assertEquals(404, e.status());
        assertEquals(1, seen.size());
    }

    @Test
    void closeStopsAFollowFromAnotherThreadAtTheNextLine() throws Exception {
        server.removeContext("/");
        CountDownLatch closed = new CountDownLatch(1);
        server.createContext("/", ex -> {
            ex.getResponseHeaders().set("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            for (OperationEvent e : events.subList(0, 2)) {
                out.write(("id: " + e.seq() + "\ndata: " + new String(json.write(e), StandardCharsets.UTF_8) + "\n\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                try {
                    closed.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException x) {
                    Thread.currentThread().interrupt();
                }
            }
            out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
            ex.close();
        });
        List<Long> got = new CopyOnWriteArrayList<>();
        CountDownLatch first = new CountDownLatch(1);
        OperationFollow follow = client().operationFollow(42, 0, e -> {
            got.add(e.seq());
            first.countDown();
        });
        AtomicReference<Object> result = new AtomicReference<>("not yet");
        Thread t = new Thread(() -> result.set(follow.run()));
        t.start();
        assertTrue(first.await(5, TimeUnit.SECONDS));
        follow.close();
        closed.countDown();
        t.join(5_000);
        assertNull(result.get(), "run() returned null after close()");
        assertEquals(List.of(1L), got, "nothing handed on after close()");
    }
}
