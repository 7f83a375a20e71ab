package win.pvdify.appjson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import win.pvdify.cron.CronPolicy;

/** Dokku's app.json, the parts Pvdify reads: cron entries and healthchecks, strictly, with the place of each error. */
class AppJsonTest {

    static AppJson parse(String json) {
        return AppJson.parse(json.getBytes(StandardCharsets.UTF_8), false);
    }

    @Test
    void webLivenessCheckTurnsLivenessOnAndConfiguredSettingsStillWin() {
        AppJson a = parse("""
                {"healthchecks": {"web": [
                  {"type": "startup", "path": "/up", "attempts": 4},
                  {"type": "liveness", "path": "/up", "wait": 7, "attempts": 2}]}}""");
        win.pvdify.api.Healthcheck fromAppJson = AppJsonChecks.deployCheck(a);
        assertEquals("/up", fromAppJson.path());
        assertEquals(4, fromAppJson.retries());
        assertEquals(Boolean.TRUE, fromAppJson.liveness());
        assertEquals(7, fromAppJson.livenessInterval());
        assertEquals(2, fromAppJson.livenessThreshold());

        win.pvdify.api.Healthcheck configured = new win.pvdify.api.Healthcheck(null, null, null, null)
                .withLiveness(false, null, 5, false, 60);
        win.pvdify.api.Healthcheck layered = AppJsonChecks.layered(configured, fromAppJson);
        assertEquals(Boolean.FALSE, layered.liveness(), "checks:set wins");
        assertEquals(7, layered.livenessInterval(), "app.json fills what checks:set left unset");
        assertEquals(5, layered.livenessThreshold());
        assertEquals(Boolean.FALSE, layered.autoRollback());
        assertEquals(60, layered.rollbackWindow());
        assertEquals("/up", layered.path());
    }

    @Test
    void readsDokkusCronAndHealthchecksAndIgnoresTheRest() {
        AppJson a = parse("""
                {"name": "my app", "env": {"X": {"required": true}}, "scripts": {"dokku": {"predeploy": "x"}},
                 "cron": [
                   {"command": "bin/report --all", "schedule": "@daily"},
                   {"name": "sync", "command": "bin/sync", "schedule": "*/15 * * * *", "concurrency_policy": "replace"}
                 ],
                 "healthchecks": {"web": [
                   {"type": "startup", "name": "web check", "description": "up?", "path": "/up", "attempts": 3,
                    "timeout": 5, "wait": 2, "initialDelay": 1, "content": "ok"},
                   {"type": "liveness", "path": "/live", "attempts": 5},
                   {"type": "readiness", "command": ["/bin/check", "--ready"], "uptime": 10}
                 ]}}
                """);
        assertEquals(2, a.cron().size());
        assertEquals(new AppJson.Cron(a.cron().get(0).name(), "@daily", "bin/report --all", CronPolicy.FORBID),
                a.cron().get(0));
        assertTrue(a.cron().get(0).name().matches("app-json-[0-9a-f]{8}"), a.cron().get(0).name());
        assertEquals(a.cron().get(0).name(), parse("{\"cron\":[{\"command\":\" bin/report --all\","
                + "\"schedule\":\"@daily \"}]}").cron().get(0).name(), "the same entry keeps its name");
        assertEquals(new AppJson.Cron("sync", "*/15 * * * *", "bin/sync", CronPolicy.REPLACE), a.cron().get(1));
        AppJson.Healthcheck startup = a.startupCheck("web");
        assertEquals("/up", startup.path());
        assertEquals(3, startup.attempts());
        assertEquals(2, startup.waitSec());
        assertEquals(1, startup.initialDelay());
        assertEquals("ok", startup.content());
        assertEquals(3, a.healthchecks().get("web").size(), "liveness and readiness are kept for later use");
        assertEquals(List.of("/bin/check", "--ready"), a.healthchecks().get("web").get(2).command());
        assertNull(a.startupCheck("worker"));
        assertTrue(a.toJson().contains("\"concurrency_policy\":\"replace\""), a.toJson());
        assertEquals(a, AppJson.parse(a.toJson().getBytes(StandardCharsets.UTF_8), false), "what is stored reads back");
    }

    @Test
    void anEmptyAppJsonDeclaresNothing() {
        AppJson a = parse("{}");
        assertEquals(List.of(), a.cron());
        assertEquals(0, a.healthchecks().size());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "[]                                                             | the document must be a JSON object",
            "{nope                                                          | not JSON",
            "{\"cron\": {}}                                                 | cron must be an array",
            "{\"cron\": [1]}                                                | cron[0] must be an object",
            "{\"cron\": [{\"command\": \"x\"}]}                             | cron[0].schedule is required",
            "{\"cron\": [{\"schedule\": \"@daily\"}]}                       | cron[0].command is required",
            "{\"cron\": [{\"schedule\": \"0 25 * * *\", \"command\": \"x\"}]} | cron[0].schedule field 2 (hour) at position 3",
            "{\"cron\": [{\"schedule\": 5, \"command\": \"x\"}]}            | cron[0].schedule must be a string",
            "{\"cron\": [{\"schedule\": \"@daily\", \"command\": \"x\\ny\"}]} | cron[0].command must be one line",
            "{\"cron\": [{\"schedule\": \"@daily\", \"command\": \"x\", \"name\": \"../x\"}]} | cron[0].name must be",
            "{\"cron\": [{\"schedule\": \"@daily\", \"command\": \"x\", \"concurrency_policy\": \"maybe\"}]} | cron[0].concurrency_policy must be",
            "{\"cron\": [{\"schedule\": \"@daily\", \"command\": \"x\", \"when\": 1}]} | cron[0] has an unknown key when",
            "{\"cron\": [{\"schedule\": \"@daily\", \"command\": \"x\"}, {\"schedule\": \"@daily\", \"command\": \"x\"}]} | cron[1] has the same name",
            "{\"healthchecks\": []}                                         | healthchecks must be an object",
            "{\"healthchecks\": {\"web\": [{\"type\": \"sometimes\"}]}}      | healthchecks.web[0].type must be",
            "{\"healthchecks\": {\"web\": [{\"path\": \"up\"}]}}            | healthchecks.web[0].path must start with /",
            "{\"healthchecks\": {\"web\": [{\"attempts\": 0}]}}             | healthchecks.web[0].attempts must be a whole number",
            "{\"healthchecks\": {\"web\": [{\"attempts\": \"3\"}]}}         | healthchecks.web[0].attempts must be a whole number",
            "{\"healthchecks\": {\"Web Dyno\": []}}                         | not a process type",
    })
    void refusesWithThePlace(String json, String message) {
        var e = assertThrows(AppJson.Invalid.class, () -> parse(json));
        assertTrue(e.getMessage().startsWith("app.json: "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void refusesOversizedDocuments() {
        byte[] big = ("{\"x\":\"" + "a".repeat(AppJson.MAX_BYTES) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThrows(AppJson.Invalid.class, () -> AppJson.parse(big, false));
    }
}
