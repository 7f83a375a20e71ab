package win.pvdify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import win.pvdify.api.DeployRequest;

/** Parsing, help, exit codes, colour and hostile input: never a stack trace, never a secret. */
class CliBehaviourTest extends WithRealDaemon {
    private static void noStackTrace(CliRun.Result r) {
        assertFalse(r.err().contains("Exception"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        CliRun.Result r = cli.run("--help");
        assertEquals(0, r.code());
        for (String c : new String[] {"apps:create", "deploy", "releases:info", "rollback", "config:unset",
            "domains:add", "ps:scale", "ps:restart", "logs", "login", "whoami", "tokens:create", "status",
            "registries", "registries:add", "registries:remove", "cloudflare:zones", "cloudflare:records", "audit", "webhooks", "webhooks:add", "webhooks:remove",
            "webhooks:deliveries",
            "operations", "operations:info", "operations:wait", "operations:cancel"}) {
            assertTrue(r.out().contains("  " + c), c);
        }
        assertTrue(r.out().contains("Exit codes:\n  0     ok\n"), r.out());
        assertTrue(r.out().contains("  6     cannot reach the Pvdify API"), r.out());
        assertTrue(r.out().contains("  130   Ctrl-C: stopped following; the operation goes on"), r.out());
        CliRun.Result sub = cli.run("deploy", "--help");
        assertTrue(sub.out().contains("-i, --image=IMAGE"), sub.out());
        assertTrue(sub.out().contains("Exit codes:"), sub.out());
        assertEquals(0, cli.run("--version").code());
    }

    @Test
    void unknownCommandsAndFlagsAreUsageErrorsWithSuggestions() {
        CliRun.Result r = cli.run("app");
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("Did you mean: apps"), r.err());
        noStackTrace(r);

        CliRun.Result flag = cli.run("apps", "--jsn");
        assertEquals(ExitCodes.USAGE, flag.code());
        assertTrue(flag.err().contains("Unknown option: '--jsn'"), flag.err());
        assertTrue(flag.err().contains("See 'pvdify apps --help'."), flag.err());
    }

    @Test
    void aMistypedTokenOptionDoesNotEchoTheSecret() {
        CliRun.Result r = cli.run("apps", "--tokn=super-secret-value");
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
        assertFalse(r.err().contains("super-secret-value"), r.err());
    }

    @Test
    void hugeArgumentsAreCutInMessages() {
        String huge = "x".repeat(1_000_000);
        CliRun.Result r = cli.run("apps", "--" + huge);
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().length() < 2000, "err length " + r.err().length());

        CliRun.Result info = cli.run("apps:info", huge);
        assertTrue(info.code() != 0);
        assertTrue(info.err().length() < 2000, "err length " + info.err().length());
        noStackTrace(info);
    }

    @Test
    void controlCharactersFromArgumentsOrServerCannotReachTheTerminal() {
        CliRun.Result r = cli.run("apps:info", "evil\n\u001b[31mname");
        assertEquals(ExitCodes.NOT_FOUND, r.code(), r.toString());
        assertFalse(r.err().contains("\u001b"), r.err());
        assertEquals(1, r.err().split("\n").length, r.err());
    }

    @Test
    void globalOptionsWorkBeforeAndAfterTheCommand() {
        CliRun bare = new CliRun(home);
        assertEquals(0, bare.run("--api-url", url(), "--token", daemon.adminToken, "apps").code());
        assertEquals(0, bare.run("apps", "--api-url", url(), "--token", daemon.adminToken).code());
    }

    @Test
    void anUnreachableServerIsExit6() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CliRun.Result r = cli.run("apps", "--api-url", "http://127.0.0.1:" + port);
        assertEquals(ExitCodes.UNREACHABLE, r.code(), r.toString());
        assertTrue(r.err().contains("cannot reach the Pvdify API"), r.err());
        noStackTrace(r);
        assertEquals(ExitCodes.ERROR, cli.run("apps", "--api-url", "ftp://x").code());
    }

    @Test
    void colourOnlyOnATerminalAndNeverWithNoColor() {
        daemon.admin().deploy("my-app", new DeployRequest("nginx:1", null));
        assertFalse(cli.run("releases", "my-app").out().contains("\u001b["));
        cli.terminal = new CliRun.FakeTerminal(true);
        assertTrue(cli.run("releases", "my-app").out().contains("\u001b["));
        cli.env.put("NO_COLOR", "");
        assertFalse(cli.run("releases", "my-app").out().contains("\u001b["));
        assertFalse(cli.run("--help").out().contains("\u001b["));
    }

    @Test
    void completionScriptsComeFromTheCommandModel() {
        CliRun.Result bash = cli.run("completion", "bash");
        assertEquals(0, bash.code());
        assertTrue(bash.out().contains("apps:create"), "bash script names the commands");
        assertTrue(bash.out().contains("complete -F"), "bash script registers itself");
        assertEquals(0, cli.run("completion", "zsh").code());
        assertEquals(ExitCodes.USAGE, cli.run("completion", "fish").code());
    }

    @Test
    void statusShowsChecks() {
        CliRun.Result r = cli.run("status");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("=== Pvdify " + daemon.admin().status().version()
                + ": ok (dynos supervised by systemd)\n"), r.out());
        assertTrue(r.out().contains("cloudflare  not_configured  no CLOUDFLARE_API_TOKEN"), r.out());
    }
}
