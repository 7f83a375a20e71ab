package win.pvdify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import win.pvdify.api.ApiJson;
import win.pvdify.api.Maintenance;

/** maintenance, maintenance:on/off against the real daemon. */
class MaintenanceCommandsTest extends WithRealDaemon {
    @Test
    void onShowOff() throws Exception {
        assertEquals(0, cli.run("deploy", "my-app", "-i", "nginx:1.27").code()); // a route to switch
        CliRun.Result off = cli.run("maintenance", "my-app");
        assertEquals(0, off.code(), off.toString());
        assertEquals("=== my-app Maintenance\nMode: off\n", off.out());

        CliRun.Result on = cli.run("maintenance:on", "my-app", "--message", "Back at 14:00 <UTC>", "--retry-after",
                "600");
        assertEquals(0, on.code(), on.toString());
        assertTrue(on.out().startsWith("Enabling maintenance mode for my-app...\n-----> Switching traffic: Answering every host of my-app"
                + " with the maintenance page (503)\nDone\n"), on.out());
        assertEquals(new Maintenance(true, "Back at 14:00 <UTC>", 600), daemon.admin().maintenance("my-app"));

        CliRun.Result shown = cli.run("maintenance", "-a", "my-app");
        assertTrue(shown.out().contains("Mode:        on\n"), shown.out());
        assertTrue(shown.out().contains("Message:     Back at 14:00 <UTC>\n"), shown.out());
        assertTrue(shown.out().contains("Retry-After: 600 s\n"), shown.out());
        assertEquals(new Maintenance(true, "Back at 14:00 <UTC>", 600),
                new ApiJson().read(cli.run("maintenance", "my-app", "--json").out(), Maintenance.class));

        CliRun.Result offAgain = cli.run("maintenance:off", "my-app");
        assertEquals(0, offAgain.code(), offAgain.toString());
        assertEquals(Boolean.FALSE, daemon.admin().maintenance("my-app").enabled());
        assertTrue(cli.run("maintenance", "my-app").out().contains("Mode: off"));
    }

    @Test
    void detachAndJson() throws Exception {
        CliRun.Result d = cli.run("maintenance:on", "my-app", "--detach");
        assertEquals(0, d.code(), d.toString());
        assertTrue(d.out().contains("Follow it with: pvdify operations:wait "), d.out());
        CliRun.Result j = cli.run("maintenance:off", "my-app", "--json");
        assertEquals(new Maintenance(false, null, null), new ApiJson().read(j.out(), Maintenance.class));
    }

    @Test
    void badInputIsAUsageErrorAndSendsNothing() {
        assertEquals(ExitCodes.USAGE, cli.run("maintenance:on", "my-app", "--retry-after", "0").code());
        assertEquals(ExitCodes.USAGE, cli.run("maintenance:on", "my-app", "--retry-after", "86401").code());
        assertEquals(ExitCodes.USAGE, cli.run("maintenance:on", "my-app", "--retry-after", "soon").code());
        assertEquals(ExitCodes.USAGE, cli.run("maintenance:on", "my-app", "--message", "x".repeat(1001)).code());
        assertEquals(ExitCodes.USAGE, cli.run("maintenance:on").code());
        assertTrue(daemon.admin().operations("my-app", 50).stream().noneMatch(o -> o.kind().equals("maintenance")),
                "nothing was sent");
    }
}
