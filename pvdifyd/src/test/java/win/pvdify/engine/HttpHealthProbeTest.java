package win.pvdify.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import win.pvdify.api.Dyno;
import win.pvdify.api.Healthcheck;
import win.pvdify.dyno.DynoSpec;
import win.pvdify.dyno.DynoState;

/** The real probe against a tiny local HTTP server (JDK HttpServer on an OS-assigned port) and a closed port. */
class HttpHealthProbeTest {
    final CallLog log = new CallLog();
    final FakeSupervisor supervisor = new FakeSupervisor(log);
    final AtomicInteger failuresBeforeOk = new AtomicInteger();
    final java.util.List<String> hosts = new java.util.concurrent.CopyOnWriteArrayList<>();
    final java.util.List<Long> seenAt = new java.util.concurrent.CopyOnWriteArrayList<>();
    HttpServer server;
    int port;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/up", exchange -> {
            int status = failuresBeforeOk.getAndDecrement() > 0 ? 503 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.createContext("/broken", exchange -> {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.createContext("/text", exchange -> {
            byte[] body = "hello, all ok here".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/created", exchange -> {
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        server.createContext("/vhost", exchange -> {
            hosts.add(exchange.getRequestHeaders().getFirst("Host"));
            boolean mine = "www.example.com".equals(exchange.getRequestHeaders().getFirst("Host"));
            exchange.sendResponseHeaders(mine ? 200 : 404, -1);
            exchange.close();
        });
        server.createContext("/seen", exchange -> {
            seenAt.add(System.nanoTime());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/elsewhere");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
        port = server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private DynoSpec dyno(int hostPort) {
        return new DynoSpec("shop", 1, "web", 1, "shop:1", null, hostPort, 8080, null, null, null, false);
    }

    private HttpHealthProbe probe(Duration overall) {
        return new HttpHealthProbe(supervisor, overall);
    }

    @Test
    void healthyPathPasses() {
        assertDoesNotThrow(() -> probe(Duration.ofSeconds(60)).await(dyno(port), new Healthcheck("/up", 1, 5, 3)));
    }

    @Test
    void redirectCountsAsHealthy() {
        assertDoesNotThrow(() -> probe(Duration.ofSeconds(60)).await(dyno(port), new Healthcheck("moved", 1, 5, 3)));
    }

    @Test
    void aFewFailuresBelowTheRetriesStillPass() {
        failuresBeforeOk.set(2);
        assertDoesNotThrow(() -> probe(Duration.ofSeconds(60)).await(dyno(port), new Healthcheck("/up", 1, 5, 3)));
    }

    @Test
    void serverErrorsInARowFail() {
        HealthProbe.Unhealthy error = assertThrows(HealthProbe.Unhealthy.class,
                () -> probe(Duration.ofSeconds(60)).await(dyno(port), new Healthcheck("/broken", 1, 5, 2)));
        assertTrue(error.getMessage().contains("HTTP 500 on /broken (expected 200-399) (2 times in a row)"), error.getMessage());
    }

    @Test
    void tcpCheckWithoutAPath() {
        assertDoesNotThrow(() -> probe(Duration.ofSeconds(60)).await(dyno(port), null));
    }

    @Test
    void closedPortTimesOut() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        HealthProbe.Unhealthy error = assertThrows(HealthProbe.Unhealthy.class,
                () -> probe(Duration.ofSeconds(2)).await(dyno(closed), new Healthcheck("/up", 1, 1, 3)));
        assertTrue(error.getMessage().startsWith("not healthy after 2 s: port " + closed), error.getMessage());
    }

    @Test
    void crashedDynoFailsAtOnce() {
        supervisor.adopt(new DynoState("shop", 1, "web", 1, "u", Dyno.State.CRASHED, port, Instant.EPOCH, 3, "c"));
        HealthProbe.Unhealthy error = assertThrows(HealthProbe.Unhealthy.class,
                () -> probe(Duration.ofSeconds(60)).await(dyno(port), new Healthcheck("/up", 1, 5, 3)));
        assertTrue(error.getMessage().contains("crashed while starting"), error.getMessage());
        assertTrue(log.calls().isEmpty(), log.calls().toString());
    }

    @Test
    void badPathIsReported() {
        HealthProbe.Unhealthy error = assertThrows(HealthProbe.Unhealthy.class,
                () -> probe(Duration.ofSeconds(60)).await(dyno(port), new Healthcheck("/a b", 1, 5, 3)));
        assertTrue(error.getMessage().startsWith("invalid healthcheck path"), error.getMessage());
    }

    private static Healthcheck check(String path, String status, String body, String host, Integer initialDelay,
                                     Integer deployTimeout, int timeout, int retries) {
        return new Healthcheck(path, 1, timeout, retries, status, body, host, initialDelay, deployTimeout);
    }

    @Test
    void expectedStatusRange() {
        HttpHealthProbe p = probe(Duration.ofSeconds(60));
        assertDoesNotThrow(() -> p.await(dyno(port), check("/created", "201", null, null, null, null, 5, 2)));
        assertDoesNotThrow(() -> p.await(dyno(port), check("/broken", "500-599", null, null, null, null, 5, 2)),
                "an app may declare its own range");
        HealthProbe.Unhealthy error = assertThrows(HealthProbe.Unhealthy.class,
                () -> p.await(dyno(port), check("/moved", "200-299", null, null, null, null, 5, 2)));
        assertTrue(error.getMessage().contains("HTTP 302 on /moved (expected 200-299) (2 times in a row)"),
                error.getMessage());
    }

    @Test
    void expectedBodyText() {
        HttpHealthProbe p = probe(Duration.ofSeconds(60));
        assertDoesNotThrow(() -> p.await(dyno(port), check("/text", null, "all ok", null, null, null, 5, 2)));
        HealthProbe.Unhealthy error = assertThrows(HealthProbe.Unhealthy.class,
                () -> p.await(dyno(port), check("/text", null, "ready", null, null, null, 5, 2)));
        assertTrue(error.getMessage().contains("the answer of /text (HTTP 200) does not contain 'ready' (2 times"),
                error.getMessage());
    }

    @Test
    void hostHeaderIsSentAndTheDynoIsStillReachedOnLoopback() {
        HttpHealthProbe p = probe(Duration.ofSeconds(60));
        assertDoesNotThrow(() -> p.await(dyno(port), check("/vhost", null, null, "www.example.com", null, null, 5, 2)));
        assertEquals("www.example.com", hosts.getLast());
        HealthProbe.Unhealthy error = assertThrows(HealthProbe.Unhealthy.class,
                () -> p.await(dyno(port), check("/vhost", null, null, null, null, null, 5, 2)));
        assertTrue(error.getMessage().contains("HTTP 404 on /vhost"), error.getMessage());
        assertEquals("127.0.0.1:" + port, hosts.getLast(), "without a host: the dyno's own address");
    }

    @Test
    void initialDelayComesBeforeTheFirstAttempt() {
        long start = System.nanoTime();
        assertDoesNotThrow(() -> probe(Duration.ofSeconds(60)).await(dyno(port),
                check("/seen", null, null, null, 1, null, 5, 2)));
        assertEquals(1, seenAt.size());
        assertTrue(seenAt.getFirst() - start >= Duration.ofSeconds(1).toNanos(),
                "first attempt after " + Duration.ofNanos(seenAt.getFirst() - start).toMillis() + " ms");
    }

    @Test
    void aNeverListeningDynoFailsInItsOwnDeployTimeout() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        long start = System.nanoTime();
        HealthProbe.Unhealthy error = assertThrows(HealthProbe.Unhealthy.class, () -> probe(Duration.ofSeconds(60))
                .await(dyno(closed), check("/up", null, null, null, null, 2, 1, 3)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(error.getMessage().startsWith("not healthy after 2 s: port " + closed), error.getMessage());
        assertTrue(took.compareTo(Duration.ofMillis(1900)) >= 0 && took.compareTo(Duration.ofSeconds(5)) < 0,
                "took " + took.toMillis() + " ms");
        // the TCP check (no path) too
        HealthProbe.Unhealthy tcp = assertThrows(HealthProbe.Unhealthy.class, () -> probe(Duration.ofSeconds(60))
                .await(dyno(closed), check(null, null, null, null, null, 1, 1, 3)));
        assertTrue(tcp.getMessage().startsWith("not healthy after 1 s: port " + closed), tcp.getMessage());
    }

    @Test
    void aDynoThatAcceptsButNeverAnswersIsBoundedByTimeoutAndDeployTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = Thread.ofVirtual().start(() -> {
                java.util.List<java.net.Socket> held = new java.util.ArrayList<>();
                try {
                    while (true) {
                        held.add(silent.accept()); // never answers
                    }
                } catch (IOException closed) {
                    held.forEach(s -> {
                        try {
                            s.close();
                        } catch (IOException ignored) {
                            // closing anyway
                        }
                    });
                }
            });
            int p = silent.getLocalPort();
            long start = System.nanoTime();
            HealthProbe.Unhealthy attempts = assertThrows(HealthProbe.Unhealthy.class, () -> probe(Duration.ofSeconds(60))
                    .await(dyno(p), check("/up", null, null, null, null, 30, 1, 2)));
            assertTrue(attempts.getMessage().contains("no answer on /up within 1 s (2 times in a row)"),
                    attempts.getMessage());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(10)) < 0);

            start = System.nanoTime();
            HealthProbe.Unhealthy overall = assertThrows(HealthProbe.Unhealthy.class, () -> probe(Duration.ofSeconds(60))
                    .await(dyno(p), check("/up", null, null, null, null, 2, 5, 100)));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(overall.getMessage().startsWith("not healthy after 2 s: no answer on /up"), overall.getMessage());
            assertTrue(took.compareTo(Duration.ofSeconds(4)) < 0, "an attempt never outlives the deploy timeout: "
                    + took.toMillis() + " ms");
            acceptor.interrupt();
        }
    }

    @Test
    void cancellingDuringTheInitialDelayStopsAtOnce() {
        long start = System.nanoTime();
        assertDoesNotThrow(() -> probe(Duration.ofSeconds(60)).await(dyno(port),
                check("/seen", null, null, null, 30, 60, 5, 2), () -> System.nanoTime() - start > 200_000_000L));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0);
        assertTrue(seenAt.isEmpty());
    }
}
