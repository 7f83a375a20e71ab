package win.pvdify.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import win.pvdify.fakes.LoopbackHttp;
import win.pvdify.fakes.TaggedBackend;

/**
 * Caddy's admin API on a Unix socket (`admin unix//PATH`, issue 17): no TCP port that a local user or a container
 * could reach. A real caddy (HTTP on 127.0.0.1:19806), routes pushed and removed through the socket.
 */
class CaddyAdminSocketIT {
    private static final int HTTP = 19806;
    private static final String HOST = "sock-app.paas.test";
    private final TaggedBackend backend = new TaggedBackend("s");
    private final LoopbackHttp client = new LoopbackHttp(2);
    private Process caddy;
    private Path socket;

    @BeforeEach
    void startCaddy() throws Exception {
        Path dir = Files.createDirectories(Path.of("target/caddy-socket-it").toAbsolutePath());
        socket = dir.resolve("admin.sock");
        Files.deleteIfExists(socket);
        Path caddyfile = dir.resolve("Caddyfile");
        Files.writeString(caddyfile, """
                {
                \tadmin unix/%s
                \tauto_https off
                }
                http://:%d {
                \trespond "none" 404
                }
                """.formatted(socket, HTTP));
        ProcessBuilder pb = new ProcessBuilder("caddy", "run", "--config", caddyfile.toString(), "--adapter",
                "caddyfile");
        pb.environment().put("XDG_DATA_HOME", dir.resolve("data").toString()); // autosave and certificates here
        pb.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        caddy = pb.redirectErrorStream(true).redirectOutput(dir.resolve("caddy.log").toFile()).start();
        for (int i = 0; i < 100 && !Files.exists(socket); i++) {
            Thread.sleep(100);
        }
        assertTrue(Files.exists(socket), "caddy made no admin socket: " + Files.readString(dir.resolve("caddy.log")));
    }

    @AfterEach
    void stop() throws InterruptedException {
        client.close();
        backend.close();
        if (caddy != null) {
            caddy.destroy();
            if (!caddy.waitFor(10, TimeUnit.SECONDS)) {
                caddy.destroyForcibly();
            }
        }
    }

    @Test
    void routesThroughTheSocket() throws IOException {
        CaddyAdminHttp admin = new CaddyAdminHttp(URI.create("unix://" + socket), "srv0", RouteSettings.defaults(),
                Duration.ofSeconds(5));
        assertEquals(404, client.get(HOST, HTTP, "/").status());
        admin.route("sock-app", List.of(HOST), List.of(new Upstream("127.0.0.1", backend.port())));
        assertEquals(new LoopbackHttp.Response(200, "s\n"), client.get(HOST, HTTP, "/"));
        assertEquals(List.of("pvdify-app-sock-app"), admin.routeIds());
        admin.remove("sock-app");
        assertEquals(404, client.get(HOST, HTTP, "/").status());
        assertTrue(admin.describe().contains(socket.toString()), admin.describe());
    }

    @Test
    void aMissingSocketIsUnreachableAndABadUrlIsRefused() {
        CaddyAdminHttp gone = new CaddyAdminHttp(URI.create("unix://" + socket + ".nope"), "srv0",
                RouteSettings.defaults(), Duration.ofSeconds(2));
        RoutingException e = assertThrows(RoutingException.class, gone::routeIds);
        assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CaddyAdminHttp(URI.create("unix:relative.sock"),
                "srv0", RouteSettings.defaults(), Duration.ofSeconds(2)));
    }
}
