package win.pvdify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import win.pvdify.api.ApiJson;
import win.pvdify.api.CreatedToken;
import win.pvdify.api.Whoami;

class AuthAndTokensTest {
    @TempDir
    Path home;
    FakePvdifyd fake;

    @BeforeEach
    void start() throws Exception {
        fake = new FakePvdifyd();
        fake.addApp("my-app");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private Path credentials() {
        return home.resolve("config/pvdify/credentials");
    }

    @Test
    void loginChecksTheTokenStoresItMode0600AndLaterCommandsUseIt() throws Exception {
        CliRun cli = new CliRun(home);
        CliRun.Result r = cli.run("login", "--api-url", fake.url(), "--token", FakePvdifyd.ADMIN_TOKEN);
        assertEquals(0, r.code(), r.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials().getParent())));

        CliRun.Result who = cli.run("whoami");
        assertEquals(0, who.code(), who.toString());
        assertTrue(who.out().contains("Token:      admin token tok-admin"), who.out());
        assertTrue(who.out().contains("Token from: login file"), who.out());
        assertFalse(who.out().contains(FakePvdifyd.ADMIN_TOKEN), who.out());

        CliRun.Result out = cli.run("logout");
        assertEquals(0, out.code());
        assertFalse(Files.exists(credentials()));
        assertEquals(ExitCodes.UNAUTHORIZED, cli.run("--api-url", fake.url(), "apps").code());
    }

    @Test
    void loginReadsTheTokenFromStdinOrThePromptAndRefusesABadOne() {
        CliRun cli = new CliRun(home);
        cli.env.put("PVDIFY_API_URL", fake.url());
        cli.terminal = new CliRun.FakeTerminal(false, "wrong-token-value");
        CliRun.Result bad = cli.run("login");
        assertEquals(ExitCodes.UNAUTHORIZED, bad.code(), bad.toString());
        assertFalse(bad.err().contains("wrong-token-value"), bad.err());
        assertFalse(Files.exists(credentials()));

        CliRun.FakeTerminal tty = new CliRun.FakeTerminal(true, FakePvdifyd.ADMIN_TOKEN);
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
        cli.env.put("PVDIFY_API_URL", fake.url()); // a loopback URL, like the default
        Files.createDirectories(home.resolve("data"));
        Files.writeString(home.resolve("data/admin-token"), FakePvdifyd.ADMIN_TOKEN + "\n");
        CliRun.Result r = cli.run("whoami", "--json");
        assertEquals(0, r.code(), r.toString());
        assertEquals("admin", new ApiJson().read(r.out(), Whoami.class).kind());
    }

    @Test
    void aBadTokenIsExit4AndNeverPrinted() {
        CliRun cli = CliRun.against(fake, home);
        cli.env.put("PVDIFY_TOKEN", "my-very-secret-token");
        CliRun.Result r = cli.run("apps");
        assertEquals(ExitCodes.UNAUTHORIZED, r.code(), r.toString());
        assertTrue(r.err().contains("invalid or missing token"), r.err());
        assertFalse(r.err().contains("my-very-secret-token"), r.err());
        assertFalse(r.out().contains("my-very-secret-token"), r.out());
    }

    @Test
    void deployTokensCreateListRevokeAndAreScopedToTheirApp() throws Exception {
        CliRun cli = CliRun.against(fake, home);
        CliRun.Result c = cli.run("tokens:create", "--app", "my-app", "--description", "GitHub CI", "--json");
        assertEquals(0, c.code(), c.toString());
        CreatedToken created = new ApiJson().read(c.out(), CreatedToken.class);
        assertEquals("my-app", created.token().app());
        assertEquals("{\"kind\":\"deploy\",\"app\":\"my-app\",\"description\":\"GitHub CI\"}",
                fake.requests("POST", "/api/v1/tokens").get(0).body());

        CliRun.Result list = cli.run("tokens");
        assertTrue(list.out().contains("tok-1  deploy  my-app  GitHub CI"), list.out());
        assertFalse(list.out().contains(created.secret()), list.out());

        CliRun deployer = CliRun.against(fake, home);
        deployer.env.put("PVDIFY_TOKEN", created.secret());
        assertEquals(0, deployer.run("releases", "my-app").code());
        CliRun.Result forbidden = deployer.run("apps");
        assertEquals(ExitCodes.UNAUTHORIZED, forbidden.code(), forbidden.toString());
        assertTrue(forbidden.err().contains("This token may not do that"), forbidden.err());

        assertEquals(0, cli.run("tokens:revoke", "tok-1").code());
        assertEquals(ExitCodes.NOT_FOUND, cli.run("tokens:revoke", "tok-1").code());
        assertEquals(ExitCodes.USAGE, cli.run("tokens:create").code());
    }
}
