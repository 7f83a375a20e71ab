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
                === my-app Health Checks
                Setting             Configured  Effective
                ------------------  ----------  ------------------------------------
                Path                -           (none: the port accepts connections)
                Status              -           200-399
                Body                -           (any)
                Host                -           (the dyno's address)
                Interval            -           1 s
                Timeout             -           5 s
                Attempts            -           3
                Initial delay       -           0 s
                Deploy timeout      -           60 s
                Liveness            -           on
                Liveness interval   -           10 s
                Liveness threshold  -           3
                Auto rollback       -           on
                Rollback window     -           300 s
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
        assertTrue(set.out().contains("Deploy timeout      30 s        30 s"), set.out());
        assertTrue(set.out().endsWith("The deploy check applies from the next deploy or restart; liveness and rollback at once.\n"), set.out());

        assertEquals(0, cli.run("checks:set", "-a", "my-app", "--host", "www.example.com", "--unset", "body,status")
                .code());
        assertEquals(new Healthcheck("/up", null, 5, 3, null, null, "www.example.com", 2, 30),
                daemon.admin().app("my-app").healthcheck());
        CliRun.Result report = cli.run("checks", "my-app");
        assertTrue(report.out().contains("Status              -                200-399"), report.out());
        assertTrue(report.out().contains("Host                www.example.com  www.example.com"), report.out());
    }

    @Test
    void livenessAndRollbackSettings() {
        CliRun.Result set = cli.run("checks:set", "my-app", "--liveness", "off", "--liveness-interval", "2",
                "--liveness-threshold", "4", "--auto-rollback", "off", "--rollback-window", "60");
        assertEquals(0, set.code(), set.toString());
        assertEquals(new Healthcheck(null, null, null, null).withLiveness(false, 2, 4, false, 60),
                daemon.admin().app("my-app").healthcheck());
        assertTrue(set.out().contains("Liveness threshold  4           4"), set.out());
        assertTrue(set.out().contains("Auto rollback       off         off"), set.out());
        assertEquals(0, cli.run("checks:set", "my-app", "--unset", "liveness,rollback-window").code());
        CliRun.Result report = cli.run("checks", "my-app");
        assertTrue(report.out().contains("Liveness            -           on"), report.out());
        assertTrue(report.out().contains("Rollback window     -           300 s"), report.out());
    }

    @Test
    void badLivenessInput() {
        assertEquals(ExitCodes.USAGE, cli.run("checks:set", "my-app", "--liveness", "maybe").code());
        assertEquals(ExitCodes.USAGE, cli.run("checks:set", "my-app", "--liveness-interval", "often").code());
        assertEquals(null, daemon.admin().app("my-app").healthcheck(), "nothing was sent");
        CliRun.Result refused = cli.run("checks:set", "my-app", "--liveness-threshold", "0");
        assertEquals(ExitCodes.ERROR, refused.code(), refused.toString());
        assertTrue(refused.err().contains("healthcheck.liveness_threshold must be between 1 and 100"), refused.err());
        refused = cli.run("checks:set", "my-app", "--rollback-window", "5");
        assertTrue(refused.err().contains("healthcheck.rollback_window must be between 10 and 86400"), refused.err());
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
