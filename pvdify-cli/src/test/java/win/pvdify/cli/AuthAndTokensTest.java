package win.pvdify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import win.pvdify.api.CreatedToken;
import win.pvdify.api.ApiJson;
import win.pvdify.api.Token;
import win.pvdify.api.Whoami;

class AuthAndTokensTest extends WithRealDaemon {
    private Path credentials() {
        return home.resolve("config/pvdify/credentials");
    }

    @Test
    void loginChecksTheTokenStoresItMode0600AndLaterCommandsUseIt() throws Exception {
        CliRun cli = new CliRun(home);
        CliRun.Result r = cli.run("login", "--api-url", url(), "--token", daemon.adminToken);
        assertEquals(0, r.code(), r.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials().getParent())));

        CliRun.Result who = cli.run("whoami");
        assertEquals(0, who.code(), who.toString());
        assertTrue(who.out().contains("Token:      admin token " + daemon.admin().whoami().tokenId() + "\n"),
                who.out());
        assertTrue(who.out().contains("Token from: login file"), who.out());
        assertFalse(who.out().contains(daemon.adminToken), who.out());

        CliRun.Result out = cli.run("logout");
        assertEquals(0, out.code());
        assertFalse(Files.exists(credentials()));
        assertEquals(ExitCodes.UNAUTHORIZED, cli.run("--api-url", url(), "apps").code());
    }

    @Test
    void loginReadsTheTokenFromStdinOrThePromptAndRefusesABadOne() {
        CliRun cli = new CliRun(home);
        cli.env.put("PVDIFY_API_URL", url());
        cli.terminal = new CliRun.FakeTerminal(false, "wrong-token-value");
        CliRun.Result bad = cli.run("login");
        assertEquals(ExitCodes.UNAUTHORIZED, bad.code(), bad.toString());
        assertFalse(bad.err().contains("wrong-token-value"), bad.err());
        assertFalse(Files.exists(credentials()));

        CliRun.FakeTerminal tty = new CliRun.FakeTerminal(true, daemon.adminToken);
        cli.terminal = tty;
        assertEquals(0, cli.run("login").code());
        assertEquals("Token: ", tty.prompts.get(0));
        assertTrue(Files.exists(credentials()));

        cli.terminal = new CliRun.FakeTerminal(false);
        assertEquals(ExitCodes.USAGE, cli.run("login").code());
    }

    @Test
    void theLocalAdminTokenFileWorksWithNoFlags() throws Exception {
        CliRun cli = new CliRun(home);
        cli.env.put("PVDIFY_API_URL", url()); // a loopback URL, like the default
        Files.createDirectories(home.resolve("data"));
        Files.writeString(home.resolve("data/admin-token"), daemon.adminToken + "\n");
        CliRun.Result r = cli.run("whoami", "--json");
        assertEquals(0, r.code(), r.toString());
        assertEquals("admin", new ApiJson().read(r.out(), Whoami.class).kind());
    }

    @Test
    void aBadTokenIsExit4AndNeverPrinted() {
        cli.env.put("PVDIFY_TOKEN", "my-very-secret-token");
        CliRun.Result r = cli.run("apps");
        assertEquals(ExitCodes.UNAUTHORIZED, r.code(), r.toString());
        assertTrue(r.err().contains("missing or invalid token"), r.err());
        assertFalse(r.err().contains("my-very-secret-token"), r.err());
        assertFalse(r.out().contains("my-very-secret-token"), r.out());
    }

    @Test
    void deployTokensCreateListRevokeAndAreScopedToTheirApp() throws Exception {
        CliRun.Result c = cli.run("tokens:create", "--app", "my-app", "--description", "GitHub CI", "--json");
        assertEquals(0, c.code(), c.toString());
        CreatedToken created = new ApiJson().read(c.out(), CreatedToken.class);
        String id = created.token().id();
        assertEquals("my-app", created.token().app());
        Token stored = daemon.admin().tokens().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
        assertEquals(List.of("deploy", "my-app", "GitHub CI"),
                List.of(stored.kind(), stored.app(), stored.description()));

        CliRun.Result list = cli.run("tokens");
        assertTrue(list.out().contains(id + "  deploy  my-app  GitHub CI"), list.out());
        assertFalse(list.out().contains(created.secret()), list.out());

        CliRun deployer = cliAt(url());
        deployer.env.put("PVDIFY_TOKEN", created.secret());
        assertEquals(0, deployer.run("releases", "my-app").code());
        CliRun.Result forbidden = deployer.run("tokens");
        assertEquals(ExitCodes.UNAUTHORIZED, forbidden.code(), forbidden.toString());
        assertTrue(forbidden.err().contains("This token may not do that"), forbidden.err());

        assertEquals(0, cli.run("tokens:revoke", id).code());
        assertEquals(ExitCodes.NOT_FOUND, cli.run("tokens:revoke", id).code());
        assertEquals(ExitCodes.USAGE, cli.run("tokens:create").code());
    }

    @Test
    void previewTokensDeployOnlyPreviewApps() throws Exception {
        CliRun.Result c = cli.run("tokens:create", "--kind", "preview", "--app", "my-app", "-d", "PRs");
        assertEquals(0, c.code(), c.toString());
        assertTrue(c.out().startsWith("Created preview token tok_"), c.out());
        assertTrue(c.out().contains(" for the preview apps of my-app.\nToken: pvd_"), c.out());
        String secret = c.out().lines().filter(l -> l.startsWith("Token: ")).findFirst().orElseThrow().substring(7);

        CliRun pr = cliAt(url());
        pr.env.put("PVDIFY_TOKEN", secret);
        assertEquals(0, pr.run("apps:create", "my-app-pr-5").code());
        CliRun.Result prod = pr.run("releases", "my-app");
        assertEquals(ExitCodes.UNAUTHORIZED, prod.code(), prod.toString());
        assertTrue(prod.err().contains("may not do that"), prod.err());

        CliRun.Result bad = cli.run("tokens:create", "--kind", "admin", "--app", "my-app");
        assertEquals(ExitCodes.USAGE, bad.code(), bad.toString());
        assertTrue(bad.err().contains("--kind must be deploy or preview"), bad.err());
        CliRun.Result ghost = cli.run("tokens:create", "--kind", "preview", "--app", "ghost");
        assertEquals(ExitCodes.NOT_FOUND, ghost.code(), ghost.toString());
    }
}
