package win.pvdify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import win.pvdify.api.ApiJson;
import win.pvdify.api.App;

class AppsCommandsTest {
    @TempDir
    Path home;
    FakePvdifyd fake;
    CliRun cli;

    @BeforeEach
    void start() throws Exception {
        fake = new FakePvdifyd();
        cli = CliRun.against(fake, home);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void appsListsATableAndJsonThatParses() throws Exception {
        fake.addApp("my-app");
        fake.addApp("other");
        CliRun.Result r = cli.run("apps");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("=== Apps\n"), r.out());
        assertTrue(r.out().contains("Name    Environment  Status   Release  Web URL\n"), r.out());
        assertTrue(r.out().contains("my-app  production   created           https://my-app.pvdify.test\n"), r.out());

        CliRun.Result j = cli.run("apps", "--json");
        assertEquals(0, j.code());
        List<App> apps = new ApiJson().read(j.out(), ApiJson.listOf(App.class));
        assertEquals(List.of("my-app", "other"), apps.stream().map(App::name).toList());
    }

    @Test
    void createSendsNameAndEnvironmentAndAcceptsDashA() throws Exception {
        CliRun.Result r = cli.run("apps:create", "my-app", "-e", "staging");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("Creating my-app... done"), r.out());
        assertTrue(fake.requests("POST", "/api/v1/apps").get(0).body().contains("\"environment\":\"staging\""));

        CliRun.Result a = cli.run("apps:create", "-a", "second", "--json");
        assertEquals(0, a.code(), a.toString());
        assertEquals("second", new ApiJson().read(a.out(), App.class).name());
    }

    @Test
    void createRejectsABadEnvironmentLocallyAndReportsServerConflicts() {
        CliRun.Result bad = cli.run("apps:create", "x-app", "-e", "qa");
        assertEquals(ExitCodes.USAGE, bad.code(), bad.toString());
        assertTrue(fake.requests("POST", "/api/v1/apps").isEmpty());

        fake.addApp("taken");
        CliRun.Result dup = cli.run("apps:create", "taken");
        assertEquals(ExitCodes.ERROR, dup.code(), dup.toString());
        assertTrue(dup.err().contains("app taken already exists (request req-409)"), dup.err());
    }

    @Test
    void infoShowsKeyValuesAndNotFoundIsExit3() {
        fake.addApp("my-app");
        CliRun.Result r = cli.run("apps:info", "my-app");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("=== my-app\n"), r.out());
        assertTrue(r.out().contains("Web URL:      https://my-app.pvdify.test\n"), r.out());
        assertTrue(r.out().contains("Created:      2026/01/15 10:30:00 +0000 (~ 2h ago)"), r.out());

        CliRun.Result missing = cli.run("apps:info", "-a", "nope");
        assertEquals(ExitCodes.NOT_FOUND, missing.code(), missing.toString());
        assertTrue(missing.err().contains("app nope not found"), missing.err());
        assertFalse(missing.err().contains("Exception"), missing.err());
    }

    @Test
    void deleteWithConfirmDeletesAndAMismatchDoesNot() {
        fake.addApp("my-app");
        CliRun.Result wrong = cli.run("apps:delete", "my-app", "--confirm", "other");
        assertEquals(ExitCodes.ERROR, wrong.code(), wrong.toString());
        assertTrue(fake.requests("DELETE", "/api/v1/apps").isEmpty());

        CliRun.Result ok = cli.run("apps:delete", "my-app", "--confirm", "my-app");
        assertEquals(0, ok.code(), ok.toString());
        assertEquals(1, fake.requests("DELETE", "/api/v1/apps/my-app").size());
    }

    @Test
    void deleteWithoutATerminalAndWithoutConfirmRefuses() {
        fake.addApp("my-app");
        CliRun.Result r = cli.run("apps:delete", "my-app");
        assertEquals(ExitCodes.ERROR, r.code(), r.toString());
        assertTrue(r.err().contains("--confirm my-app"), r.err());
        assertTrue(fake.requests("DELETE", "/api/v1/apps").isEmpty());
    }

    @Test
    void deleteOnATerminalAsksForTheName() {
        fake.addApp("my-app");
        cli.env.put("NO_COLOR", "");
        cli.terminal = new CliRun.FakeTerminal(true, "my-ap");
        CliRun.Result no = cli.run("apps:delete", "my-app");
        assertEquals(ExitCodes.ERROR, no.code(), no.toString());
        assertTrue(no.out().contains("To proceed, type my-app"), no.out());
        assertTrue(fake.requests("DELETE", "/api/v1/apps").isEmpty());

        cli.terminal = new CliRun.FakeTerminal(true, "my-app");
        CliRun.Result yes = cli.run("apps:delete", "my-app");
        assertEquals(0, yes.code(), yes.toString());
        assertEquals(1, fake.requests("DELETE", "/api/v1/apps/my-app").size());
    }
}
