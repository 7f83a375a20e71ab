package win.pvdify.api.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PvdifyClient.followLogs against a JDK HttpServer: lines arrive as sent, close() ends it, errors are typed. */
class FollowLogsTest {
    private HttpServer server;
    private final CountDownLatch clientGone = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/api/v1/apps/web/logs", ex -> {
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            try {
                out.write("line 1\nline 2\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                // an endless follow: one more line now and then until the client hangs up
                for (int i = 3; i < 10_000; i++) {
                    Thread.sleep(200);
                    out.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                clientGone.countDown();
            }
        });
        server.createContext("/api/v1/apps/nope/logs", ex -> {
            byte[] body = "{\"error\":\"app nope not found\",\"id\":\"r-1\"}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(404, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private PvdifyClient client() {
        return new PvdifyClient("http://127.0.0.1:" + server.getAddress().getPort(), "t");
    }

    @Test
    void linesArriveUntilClosedAndCloseDoesNotBlock() throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        AtomicReference<ApiException> ended = new AtomicReference<>();
        LogFollow follow = client().followLogs("web", 100, null, lines::add, ended::set);
        assertEquals("line 1", lines.poll(30, TimeUnit.SECONDS));
        assertEquals("line 2", lines.poll(30, TimeUnit.SECONDS));
        assertEquals("line 3", lines.poll(30, TimeUnit.SECONDS));
        follow.close();
        assertTrue(clientGone.await(60, TimeUnit.SECONDS), "the server saw the client hang up");
        assertEquals(null, ended.get(), "no end callback after close()");
    }

    @Test
    void anErrorAnswerEndsWithTheApiMessage() throws Exception {
        BlockingQueue<ApiException> ended = new LinkedBlockingQueue<>();
        client().followLogs("nope", 100, null, line -> { }, e -> ended.add(e == null ? new ApiException(0, "", null) : e));
        ApiException e = ended.poll(30, TimeUnit.SECONDS);
        assertNotNull(e);
        assertEquals(404, e.status());
        assertEquals("app nope not found", e.getMessage());
        assertFalse(e.requestId() == null);
    }
}
