package win.pvdify.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import win.pvdify.RecordingRuntime;
import win.pvdify.TestDaemon;
import win.pvdify.api.CreateApp;
import win.pvdify.api.DeployRequest;
import win.pvdify.api.ScheduledJob;
import win.pvdify.api.client.ApiException;
import win.pvdify.api.client.PvdifyClient;
import win.pvdify.appjson.AppJson;
import win.pvdify.appjson.AppJsonSource;

/**
 * Deploys read the image's app.json (here from a map of image -> app.json text): its cron entries become the app's
 * app.json jobs beside cron:add's, follow rollbacks and config changes, and a bad app.json fails the deploy with
 * nothing recorded.
 */
class AppJsonDeployTest {
    final Map<String, String> images = new ConcurrentHashMap<>();
    private TestDaemon t;
    private PvdifyClient api;

    @BeforeEach
    void start() {
        t = new TestDaemon(b -> b.runtime(p -> new RecordingRuntime(p.ledger())).appJson(p -> new AppJsonSource() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public Optional<AppJson> read(String image) {
                return Optional.ofNullable(images.get(image))
                        .map(j -> AppJson.parse(j.getBytes(StandardCharsets.UTF_8), false));
            }
        }));
        api = t.admin();
        api.createApp(new CreateApp("shop", null));
    }

    @AfterEach
    void stop() {
        t.close();
    }

    List<String> jobs() {
        return api.cron("shop").stream().map(j -> j.name() + "=" + j.schedule() + ":" + j.source()).toList();
    }

    @Test
    void cronEntriesFollowTheReleaseThatDeclaresThem() {
        images.put("example.com/shop:1", """
                {"cron": [{"name": "report", "schedule": "@daily", "command": "bin/report"},
                          {"schedule": "*/5 * * * *", "command": "bin/ping"}]}""");
        images.put("example.com/shop:2", """
                {"cron": [{"name": "report", "schedule": "@hourly", "command": "bin/report"}]}""");
        api.addCron("shop", ScheduledJob.request("mine", "@weekly", "bin/mine", null));
        assertEquals("current", api.deploy("shop", new DeployRequest("example.com/shop:1", null)).status());
        List<String> v1 = jobs();
        assertEquals(3, v1.size(), v1::toString);
        assertTrue(v1.contains("mine=@weekly:cli") && v1.contains("report=@daily:app.json"), v1::toString);

        api.deploy("shop", new DeployRequest("example.com/shop:2", null));
        assertEquals(List.of("mine=@weekly:cli", "report=@hourly:app.json"), jobs(), "the old image's ping is gone");
        api.setConfig("shop", Map.of("A", "b"));
        assertEquals(List.of("mine=@weekly:cli", "report=@hourly:app.json"), jobs(), "a config release keeps them");
        api.rollback("shop", 1); // v1 = the deploy of shop:1
        assertEquals(3, jobs().size(), jobs()::toString);
        assertTrue(jobs().contains("report=@daily:app.json"), jobs()::toString);

        api.deploy("shop", new DeployRequest("example.com/shop:none", null));
        assertEquals(List.of("mine=@weekly:cli"), jobs(), "an image without app.json declares no job");
    }

    @Test
    void webStartupCheckIsTheMiddleLayerOfTheDeployCheck() {
        images.put("example.com/shop:1", """
                {"healthchecks": {"web": [{"type": "liveness", "path": "/live"},
                  {"type": "startup", "path": "/up", "attempts": 5, "wait": 2, "content": "ok"}]}}""");
        api.deploy("shop", new DeployRequest("example.com/shop:1", null));
        var report = api.checks("shop");
        assertEquals(new win.pvdify.api.Healthcheck("/up", 2, null, 5, null, "ok", null, null, null)
                .withLiveness(true, null, null, null, null), report.appJson(), "its liveness entry turns liveness on");
        assertEquals("/up", report.effective().path());
        assertEquals(5, report.effective().retries());
        assertEquals(win.pvdify.engine.Healthchecks.DEFAULT_TIMEOUT, report.effective().timeout());
        // checks:set wins over app.json, setting by setting; the engine deploys with the same layers
        api.updateApp("shop", new win.pvdify.api.UpdateApp(null, null,
                new win.pvdify.api.Healthcheck("/ready", null, null, null), null, null));
        report = api.checks("shop");
        assertEquals("/ready", report.effective().path());
        assertEquals(5, report.effective().retries());
        var desired = t.daemon.ledger().desired("shop").orElseThrow().healthcheck();
        assertEquals("/ready", desired.path());
        assertEquals(5, desired.retries());
    }

    @Test
    void aStartupCheckPvdifyCannotRunFailsTheDeploy() {
        images.put("example.com/shop:x", "{\"healthchecks\": {\"web\": [{\"content\": \"" + "x".repeat(300) + "\"}]}}");
        var e = assertThrows(ApiException.class, () -> api.deploy("shop", new DeployRequest("example.com/shop:x", null)));
        assertEquals(422, e.status(), e.getMessage());
        assertTrue(e.getMessage().contains("app.json: healthchecks.web startup check:"), e.getMessage());
    }

    @Test
    void aBadAppJsonFailsTheDeployAndRecordsNothing() {
        images.put("example.com/shop:bad", "{\"cron\": [{\"schedule\": \"0 25 * * *\", \"command\": \"x\"}]}");
        var e = assertThrows(ApiException.class, () -> api.deploy("shop", new DeployRequest("example.com/shop:bad", null)));
        assertEquals(422, e.status(), e.getMessage());
        assertTrue(e.getMessage().contains("app.json: cron[0].schedule field 2 (hour) at position 3"), e.getMessage());
        assertEquals(0, api.releases("shop").size(), "no release for a deploy that never started");
        assertEquals(List.of(), jobs());
    }
}
