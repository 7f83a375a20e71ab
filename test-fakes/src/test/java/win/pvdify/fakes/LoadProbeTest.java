package win.pvdify.fakes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class LoadProbeTest {

    @Test
    void recordsEveryAnswerWithTheHostHeaderItSent() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", ex -> {
            byte[] body = ("host=" + ex.getRequestHeaders().getFirst("Host") + "\n").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            LoadReport report = LoadProbe.start(new LoadProbe.Options(port, "my-app.example.test", "/", 2,
                    Duration.ofSeconds(30), 200)).awaitEnd();
            assertEquals(200, report.requests());
            assertTrue(report.errors(200).isEmpty(), report.summary(200));
            assertEquals("host=my-app.example.test:" + port, report.tagSpans().getFirst().tag());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void countsRefusedConnectionsAsErrorsWithoutThrowing() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        LoadReport report = LoadProbe.start(new LoadProbe.Options(closedPort, "x.test", "/", 1,
                Duration.ofSeconds(30), 5)).awaitEnd();
        assertEquals(5, report.errors(200).size());
        assertTrue(report.errors(200).getFirst().error().contains("Connect"), report.summary(200));
        assertTrue(report.retries().isEmpty());
    }
}
