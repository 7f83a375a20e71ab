package win.pvdify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import win.pvdify.api.ApiJson;
import win.pvdify.api.Healthcheck;
import win.pvdify.api.HealthcheckReport;

/** checks and checks:set against the real daemon. */
class ChecksCommandsTest extends WithRealDaemon {
    @Test
    void reportShowsConfiguredAndEffectiveSideBySide() throws Exception {
        CliRun.Result r = cli.run("checks", "my-app");
        assertEquals(0, r.code(), r.toString());
        assertEquals("""
                === my-app Deploy Health Check
                Setting         Configured  Effective
                --------------  ----------  ------------------------------------
                Path            -           (none: the port accepts connections)
                Status          -           200-399
                Body            -           (any)
                Host            -           (the dyno's address)
                Interval        -           1 s
                Timeout         -           5 s
                Attempts        -           3
                Initial delay   -           0 s
                Deploy timeout  -           60 s
                """, r.out());
        HealthcheckReport json = new ApiJson().read(cli.run("checks", "my-app", "--json").out(),
                HealthcheckReport.class);
        assertEquals(60, json.effective().deployTimeout());
    }

    @Test
    void setChangesOnlyWhatIsGivenAndUnsetReturnsToTheDefault() {
        CliRun.Result set = cli.run("checks:set", "my-app", "--path", "/up", "--status", "200-299", "--body", "ok",
                "--timeout", "5", "--attempts", "3", "--initial-delay", "2", "--deploy-timeout", "30");
        assertEquals(0, set.code(), set.toString());
        assertEquals(new Healthcheck("/up", null, 5, 3, "200-299", "ok", null, 2, 30),
                daemon.admin().app("my-app").healthcheck());
        assertTrue(set.out().contains("Deploy timeout  30 s        30 s"), set.out());
        assertTrue(set.out().endsWith("It applies from the next deploy or restart.\n"), set.out());

        assertEquals(0, cli.run("checks:set", "-a", "my-app", "--host", "www.example.com", "--unset", "body,status")
                .code());
        assertEquals(new Healthcheck("/up", null, 5, 3, null, null, "www.example.com", 2, 30),
                daemon.admin().app("my-app").healthcheck());
        CliRun.Result report = cli.run("checks", "my-app");
        assertTrue(report.out().contains("Status          -                200-399"), report.out());
        assertTrue(report.out().contains("Host            www.example.com  www.example.com"), report.out());
    }

    @Test
    void badInput() {
        assertEquals(ExitCodes.USAGE, cli.run("checks:set", "my-app").code(), "nothing to change");
        assertEquals(ExitCodes.USAGE, cli.run("checks:set", "my-app", "--unset", "colour").code());
        assertEquals(ExitCodes.USAGE, cli.run("checks:set", "my-app", "--timeout", "soon").code());
        assertEquals(ExitCodes.USAGE, cli.run("checks:set", "my-app", "--body", "x", "--unset", "body").code());
        assertEquals(null, daemon.admin().app("my-app").healthcheck(), "nothing was sent");
        CliRun.Result refused = cli.run("checks:set", "my-app", "--status", "2xx");
        assertEquals(ExitCodes.ERROR, refused.code(), refused.toString());
        assertTrue(refused.err().contains("healthcheck.status must be a status code or a range"), refused.err());
        assertEquals(ExitCodes.NOT_FOUND, cli.run("checks", "nope").code());
    }
}
