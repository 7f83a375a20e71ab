package win.pvdify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import win.pvdify.api.App;
import win.pvdify.api.CreateApp;
import win.pvdify.api.ApiJson;

class AppsCommandsTest extends WithRealDaemon {
    private List<String> appNames() {
        return daemon.admin().apps().stream().map(App::name).toList();
    }

    @Test
    void appsListsATableAndJsonThatParses() throws Exception {
        daemon.admin().createApp(new CreateApp("other", null));
        CliRun.Result r = cli.run("apps");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("=== Apps\n"), r.out());
        assertTrue(r.out().contains("Name    Environment  Status   Release  Web URL\n"), r.out());
        assertTrue(r.out().contains("my-app  production   created           http://my-app.pvdify.localhost\n"), r.out());

        CliRun.Result j = cli.run("apps", "--json");
        assertEquals(0, j.code());
        List<App> apps = new ApiJson().read(j.out(), ApiJson.listOf(App.class));
        assertEquals(List.of("my-app", "other"), apps.stream().map(App::name).toList());
    }

    @Test
    void createSendsNameAndEnvironmentAndAcceptsDashA() throws Exception {
        CliRun.Result r = cli.run("apps:create", "new-app", "-e", "staging");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("Creating new-app... done"), r.out());
        assertEquals("staging", daemon.admin().app("new-app").environment());

        CliRun.Result a = cli.run("apps:create", "-a", "second", "--json");
        assertEquals(0, a.code(), a.toString());
        assertEquals("second", new ApiJson().read(a.out(), App.class).name());
    }

    @Test
    void createRejectsABadEnvironmentLocallyAndReportsServerConflicts() {
        CliRun.Result bad = cli.run("apps:create", "x-app", "-e", "qa");
        assertEquals(ExitCodes.USAGE, bad.code(), bad.toString());
        assertFalse(appNames().contains("x-app"), appNames().toString());

        CliRun.Result dup = cli.run("apps:create", "my-app");
        assertEquals(ExitCodes.ERROR, dup.code(), dup.toString());
        assertTrue(dup.err().contains("an app named 'my-app' already exists (request "), dup.err());
    }

    @Test
    void infoShowsKeyValuesAndNotFoundIsExit3() {
        CliRun.Result r = cli.run("apps:info", "my-app");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("=== my-app\n"), r.out());
        assertTrue(r.out().contains("Web URL:      http://my-app.pvdify.localhost\n"), r.out());
        assertTrue(r.out().contains("Created:      2026/01/15 10:30:00 +0000 (~ 2h ago)"), r.out());

        CliRun.Result missing = cli.run("apps:info", "-a", "nope");
        assertEquals(ExitCodes.NOT_FOUND, missing.code(), missing.toString());
        assertTrue(missing.err().contains("no app named 'nope'"), missing.err());
        assertFalse(missing.err().contains("Exception"), missing.err());
    }

    @Test
    void deleteWithConfirmDeletesAndAMismatchDoesNot() {
        CliRun.Result wrong = cli.run("apps:delete", "my-app", "--confirm", "other");
        assertEquals(ExitCodes.ERROR, wrong.code(), wrong.toString());
        assertEquals(List.of("my-app"), appNames());

        CliRun.Result ok = cli.run("apps:delete", "my-app", "--confirm", "my-app");
        assertEquals(0, ok.code(), ok.toString());
        assertEquals(List.of(), appNames());
        assertEquals(List.of("remove my-app"), runtime.recording.calls);
    }

    @Test
    void deleteWithoutATerminalAndWithoutConfirmRefuses() {
        CliRun.Result r = cli.run("apps:delete", "my-app");
        assertEquals(ExitCodes.ERROR, r.code(), r.toString());
        assertTrue(r.err().contains("--confirm my-app"), r.err());
        assertEquals(List.of("my-app"), appNames());
    }

    @Test
    void deleteOnATerminalAsksForTheName() {
        cli.env.put("NO_COLOR", "");
        cli.terminal = new CliRun.FakeTerminal(true, "my-ap");
        CliRun.Result no = cli.run("apps:delete", "my-app");
        assertEquals(ExitCodes.ERROR, no.code(), no.toString());
        assertTrue(no.out().contains("To proceed, type my-app"), no.out());
        assertEquals(List.of("my-app"), appNames());

        cli.terminal = new CliRun.FakeTerminal(true, "my-app");
        CliRun.Result yes = cli.run("apps:delete", "my-app");
        assertEquals(0, yes.code(), yes.toString());
        assertEquals(List.of(), appNames());
    }
}
