package win.pvdify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import win.pvdify.api.ApiJson;

class ConfigCommandsTest extends WithFakeApi {
    @Test
    void valuesAreHiddenUnlessRevealed() throws Exception {
        fake.config.get("my-app").put("DATABASE_URL", "postgres://user:pw@db/x");
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
        CliRun.Result r = cli.run("config:set", "my-app", "A=1", "PEM=line1\nline2", "EMPTY=", "EQ=a=b");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("Setting A, PEM, EMPTY, EQ and restarting my-app...\n-----> Starting dynos: web.1 on port 30002\nDone, v1\n"), r.out());
        Map<String, String> sent = new ApiJson().read(fake.requests("PUT", "/api/v1/apps/my-app/config")
                .get(0).body(), ApiJson.mapOf(String.class));
        assertEquals(Map.of("A", "1", "PEM", "line1\nline2", "EMPTY", "", "EQ", "a=b"), sent);
        assertEquals("line1\nline2\n", cli.run("config:get", "my-app", "PEM").out());
    }

    @Test
    void malformedPairsAreUsageErrorsThatNeverEchoTheValue() {
        CliRun.Result r = cli.run("config:set", "my-app", "A=1", "SECRET_VALUE_WITHOUT_KEY");
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
        assertFalse(r.err().contains("SECRET_VALUE_WITHOUT_KEY"), r.err());
        assertTrue(fake.requests("PUT", "/").isEmpty());

        CliRun.Result badKey = cli.run("config:set", "my-app", "1BAD=x");
        assertEquals(ExitCodes.USAGE, badKey.code(), badKey.toString());
        assertEquals(ExitCodes.USAGE, cli.run("config:set", "my-app").code());
    }

    @Test
    void getOfAMissingKeyIsNotFound() {
        CliRun.Result r = cli.run("config:get", "my-app", "NOPE");
        assertEquals(ExitCodes.NOT_FOUND, r.code(), r.toString());
        assertEquals("", r.out());
    }

    @Test
    void unsetOneKeyUsesDeleteAndSeveralOneRequest() throws Exception {
        fake.config.get("my-app").putAll(Map.of("A", "1", "B", "2", "C", "3"));
        CliRun.Result one = cli.run("config:unset", "my-app", "A");
        assertEquals(0, one.code(), one.toString());
        assertEquals(1, fake.requests("DELETE", "/api/v1/apps/my-app/config/A").size());

        CliRun.Result two = cli.run("config:unset", "-a", "my-app", "B", "C");
        assertEquals(0, two.code(), two.toString());
        assertEquals("{\"B\":null,\"C\":null}", fake.requests("PUT", "/api/v1/apps/my-app/config").get(0).body());
        assertTrue(fake.config.get("my-app").isEmpty());
    }
}
