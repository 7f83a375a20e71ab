package win.pvdify.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import win.pvdify.Daemon;
import win.pvdify.DaemonConfig;
import win.pvdify.TestDaemon;
import win.pvdify.api.CreateApp;
import win.pvdify.api.StatusCheck;
import win.pvdify.api.client.ApiException;
import win.pvdify.api.client.PvdifyClient;

/** The daemon's routing mounted on Helidon's test server (@ServerTest), driven by the typed client. */
@ServerTest
class HelidonServerTest {
    private static final Path DATA = TestDaemon.newDataDir();
    private static Daemon daemon;
    private final PvdifyClient api;

    HelidonServerTest(URI uri) throws Exception {
        this.api = new PvdifyClient(uri.toString(), Files.readString(DATA.resolve("admin-token")).trim());
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        daemon = Daemon.builder(DaemonConfig.forTests(DATA))
                .out(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .statusProbe(() -> new StatusCheck("podman", StatusCheck.DEGRADED, "socket slow"))
                .build();
        daemon.prepare();
        daemon.routing().configure(routing);
    }

    @AfterAll
    static void close() {
        daemon.stop();
    }

    @Test
    void statusListsEveryCheckAndTheWorstState() {
        var status = api.status();
        assertTrue(!"ok".equals(status.state()), "a degraded probe makes the whole status not ok");
        assertEquals(java.util.List.of("api", "database", "disk", "podman"),
                status.checks().stream().map(StatusCheck::name).toList());
    }

    @Test
    void appsRoundTrip() {
        api.createApp(new CreateApp("helidon-test", "staging"));
        assertEquals("staging", api.app("helidon-test").environment());
        assertTrue(api.apps().stream().anyMatch(a -> a.name().equals("helidon-test")));
        assertEquals(409, org.junit.jupiter.api.Assertions.assertThrows(ApiException.class,
                () -> api.createApp(new CreateApp("helidon-test", null))).status());
    }
}
