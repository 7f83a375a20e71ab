package win.pvdify.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
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
        assertTrue(error.getMessage().contains("HTTP 500 on /broken (2 times in a row)"), error.getMessage());
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
}
