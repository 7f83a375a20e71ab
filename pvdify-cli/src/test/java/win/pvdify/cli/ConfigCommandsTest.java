package win.pvdify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import win.pvdify.api.DeployRequest;
import win.pvdify.api.ApiJson;

class ConfigCommandsTest extends WithRealDaemon {
    /** Config changes so far: each is one operation, so one request. */
    private long configChanges() {
        return daemon.admin().operations("my-app", 100).stream().filter(o -> o.kind().equals("config")).count();
    }

    private Map<String, String> vars() {
        return daemon.admin().config("my-app").vars();
    }

    @Test
    void valuesAreHiddenUnlessRevealed() throws Exception {
        daemon.admin().setConfig("my-app", Map.of("DATABASE_URL", "postgres://user:pw@db/x"));
        CliRun.Result hidden = cli.run("config", "my-app");
        assertEquals(0, hidden.code(), hidden.toString());
        assertTrue(hidden.out().startsWith("=== my-app Config Vars\n"), hidden.out());
        assertTrue(hidden.out().contains("DATABASE_URL: ********\n"), hidden.out());
        assertFalse(hidden.out().contains("postgres"), hidden.out());
        assertFalse(cli.run("config", "my-app", "--json").out().contains("postgres"));

        CliRun.Result shown = cli.run("config", "my-app", "--reveal");
        assertTrue(shown.out().contains("DATABASE_URL: postgres://user:pw@db/x\n"), shown.out());
        Map<String, String> json = new ApiJson().read(cli.run("config", "-a", "my-app", "--json", "--reveal")
                .out(), ApiJson.mapOf(String.class));
        assertEquals(Map.of("DATABASE_URL", "postgres://user:pw@db/x"), json);
    }

    @Test
    void setSendsEveryPairInOneRequestAndKeepsNewlinesInValues() throws Exception {
        daemon.admin().deploy("my-app", new DeployRequest("nginx:1.27", null));
        CliRun.Result r = cli.run("config:set", "my-app", "A=1", "PEM=line1\nline2", "EMPTY=", "EQ=a=b");
        assertEquals(0, r.code(), r.toString());
        assertEquals("Setting A, PEM, EMPTY, EQ and restarting my-app...\n"
                + "-----> Creating release: Release v2 recorded: Set A, PEM, EMPTY, EQ\n"
                + "-----> Pulling image: pulling\n"
                + "-----> Starting dynos: web.1 on port 5000\n"
                + "-----> Health check: healthy\n"
                + "-----> Switching traffic: traffic to v2\n"
                + "Done, v2\n", r.out());
        assertEquals(Map.of("A", "1", "PEM", "line1\nline2", "EMPTY", "", "EQ", "a=b"), vars());
        assertEquals(1, configChanges());
        assertEquals("line1\nline2\n", cli.run("config:get", "my-app", "PEM").out());
    }

    @Test
    void malformedPairsAreUsageErrorsThatNeverEchoTheValue() {
        CliRun.Result r = cli.run("config:set", "my-app", "A=1", "SECRET_VALUE_WITHOUT_KEY");
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
        assertFalse(r.err().contains("SECRET_VALUE_WITHOUT_KEY"), r.err());
        assertEquals(0, configChanges());

        CliRun.Result badKey = cli.run("config:set", "my-app", "1BAD=x");
        assertEquals(ExitCodes.USAGE, badKey.code(), badKey.toString());
        assertEquals(ExitCodes.USAGE, cli.run("config:set", "my-app").code());
        assertEquals(Map.of(), vars());
    }

    @Test
    void getOfAMissingKeyIsNotFound() {
        CliRun.Result r = cli.run("config:get", "my-app", "NOPE");
        assertEquals(ExitCodes.NOT_FOUND, r.code(), r.toString());
        assertEquals("", r.out());
    }

    @Test
    void unsetOneKeyOrSeveralInOneChange() throws Exception {
        daemon.admin().setConfig("my-app", Map.of("A", "1", "B", "2", "C", "3"));
        CliRun.Result one = cli.run("config:unset", "my-app", "A");
        assertEquals(0, one.code(), one.toString());
        assertEquals(Map.of("B", "2", "C", "3"), vars());
        assertEquals(2, configChanges());

        CliRun.Result two = cli.run("config:unset", "-a", "my-app", "B", "C");
        assertEquals(0, two.code(), two.toString());
        assertEquals(Map.of(), vars());
        assertEquals(3, configChanges(), "both keys in one change");
    }
}
