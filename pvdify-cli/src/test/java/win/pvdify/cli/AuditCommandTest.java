package win.pvdify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import win.pvdify.api.ApiJson;
import win.pvdify.api.AuditEntry;
import win.pvdify.api.CreatedToken;

/** `pvdify audit` against the real daemon: a CLI session's changes listed with the token that made them. */
class AuditCommandTest extends WithRealDaemon {
    private static final String SECRET = "hunter2-never-in-the-audit-log";

    private List<AuditEntry> json(CliRun.Result r) {
        assertEquals(0, r.code(), r.toString());
        return Arrays.asList(new ApiJson().read(r.out(), AuditEntry[].class));
    }

    @Test
    void aScriptedSessionIsListedWithTheRightTokens() {
        assertEquals(0, cli.run("config:set", "my-app", "API_KEY=" + SECRET).code());
        assertEquals(0, cli.run("deploy", "my-app", "-i", "nginx:1.27").code());
        CliRun.Result created = cli.run("tokens:create", "-a", "my-app", "-d", "GitHub CI", "--json");
        assertEquals(0, created.code(), created.toString());
        CreatedToken token = new ApiJson().read(created.out(), CreatedToken.class);
        CliRun ci = cliAt(url());
        ci.env.put("PVDIFY_TOKEN", token.secret());
        assertEquals(0, ci.run("deploy", "my-app", "-i", "nginx:1.28").code());
        assertEquals(0, cli.run("apps").code()); // a read: not recorded

        String admin = daemon.admin().whoami().tokenId();
        List<AuditEntry> entries = json(cli.run("audit", "-a", "my-app", "--json"));
        assertEquals(List.of(
                "deploy " + token.token().id() + " POST /apps/{name}/releases Deploy nginx:1.28",
                "admin " + admin + " POST /tokens Create deploy token " + token.token().id() + " for my-app",
                "admin " + admin + " POST /apps/{name}/releases Deploy nginx:1.27",
                "admin " + admin + " PUT /apps/{name}/config Set API_KEY",
                "admin " + admin + " POST /apps Create app my-app (production)"),
                entries.stream().map(e -> e.tokenKind() + " " + e.tokenId() + " " + e.method() + " " + e.route()
                        + " " + e.detail()).toList());

        CliRun.Result table = cli.run("audit");
        assertEquals(0, table.code(), table.toString());
        assertTrue(table.out().startsWith("=== Audit log\n"), table.out());
        assertTrue(table.out().contains("deploy " + token.token().id() + " (GitHub CI)"), table.out());
        assertTrue(table.out().contains("Deploy nginx:1.28"), table.out());
        assertTrue(table.out().contains("succeeded"), table.out());
        assertTrue(table.out().contains("127.0.0.1"), table.out());
        assertFalse(table.out().contains(SECRET), table.out());
        assertFalse(cli.run("audit", "--json").out().contains(SECRET));

        // paging: the first two, then the rest
        CliRun.Result page = cli.run("audit", "-n", "2");
        assertTrue(page.out().contains("(older: pvdify audit --before "), page.out());
        List<AuditEntry> two = json(cli.run("audit", "-n", "2", "--json"));
        List<AuditEntry> rest = json(cli.run("audit", "--before", String.valueOf(two.get(1).id()), "--json"));
        assertEquals(entries.size() - 2, rest.size());

        // the daemon's clock stands at T0: everything is from within the last hour
        assertEquals(entries.size(), json(cli.run("audit", "--since", "1h", "--json")).size());
        assertEquals(0, json(cli.run("audit", "--since", "2026-01-15T11:00:00Z", "--json")).size());
    }

    @Test
    void junkFiltersAndOtherTokensAreRefused() {
        CliRun.Result since = cli.run("audit", "--since", "yesterday");
        assertEquals(ExitCodes.ERROR, since.code(), since.toString());
        assertTrue(since.err().contains("since must be a time like 2026-01-15T10:30:00Z or an age"), since.err());
        assertEquals(ExitCodes.USAGE, cli.run("audit", "-n", "0").code());
        assertEquals(ExitCodes.USAGE, cli.run("audit", "--before", "-3").code());
        CliRun.Result app = cli.run("audit", "-a", "Bad App");
        assertTrue(app.err().contains("app must be an app name"), app.err());

        CreatedToken token = daemon.admin().createToken(new win.pvdify.api.CreateToken("deploy", "my-app", null));
        CliRun ci = cliAt(url());
        ci.env.put("PVDIFY_TOKEN", token.secret());
        CliRun.Result forbidden = ci.run("audit");
        assertEquals(ExitCodes.UNAUTHORIZED, forbidden.code(), forbidden.toString());
    }
}
