package win.pvdify.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import win.pvdify.TestDaemon;
import win.pvdify.api.CreateApp;
import win.pvdify.api.DeployRequest;
import win.pvdify.api.ScheduledJob;
import win.pvdify.api.client.ApiException;
import win.pvdify.api.client.PvdifyClient;
import win.pvdify.cron.CronJob;
import win.pvdify.cron.CronJobState;
import win.pvdify.cron.CronRuntime;
import win.pvdify.engine.DesiredApp;

/**
 * /apps/{name}/cron against the real daemon (SQLite, operation queue) with a recording CronRuntime: which jobs the
 * runtime is handed when, and bad input (422 with the field and position, 404, 409), never a 500.
 */
class CronApiTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final RecordingCron cron = new RecordingCron();
    private TestDaemon t;
    private PvdifyClient api;

    /** Records every call as text; states say job N ran at 1000*N seconds with exit N. */
    static final class RecordingCron implements CronRuntime {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void sync(String app, List<CronJob> jobs, DesiredApp release) {
            calls.add("sync " + app + " " + jobs.stream().map(j -> j.name() + "@" + j.number() + ":" + j.policy().wire()
                    + ":" + j.source().wire()).toList() + " v" + (release == null ? null : release.release()));
        }

        @Override
        public boolean runNow(CronJob job, DesiredApp release) {
            calls.add("run " + job.app() + " " + job.name() + " v" + release.release());
            return true;
        }

        @Override
        public void removeAll(String app) {
            calls.add("removeAll " + app);
        }

        @Override
        public List<CronJobState> states(String app, List<CronJob> jobs) {
            return jobs.stream().map(j -> new CronJobState(j.number(), 0, java.time.Instant.ofEpochSecond(1000L * j.number()),
                    j.number(), null)).toList();
        }

        @Override
        public String kind() {
            return "recording";
        }
    }

    @BeforeEach
    void start() {
        t = new TestDaemon(b -> b.cron(p -> cron));
        api = t.admin();
        api.createApp(new CreateApp("shop", null));
    }

    @AfterEach
    void stop() {
        t.close();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(t.daemon.baseUrl() + "/api/v1/apps/shop" + path))
                .header("Authorization", "Bearer " + t.adminToken).header("Content-Type", "application/json");
        b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.method(method, HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void jobsAreAddedListedRunAndRemovedAndFollowEveryRelease() {
        List<ScheduledJob> jobs = api.addCron("shop", ScheduledJob.request("report", "30 2 * * *", "bin/report --all",
                null));
        assertEquals(1, jobs.size());
        ScheduledJob j = jobs.get(0);
        assertEquals("report", j.name());
        assertEquals("forbid", j.policy());
        assertEquals("cron.1", j.process());
        assertEquals("cli", j.source());
        assertEquals(1, j.lastExitStatus());
        assertEquals(List.of("sync shop [report@1:forbid:cli] vnull"), cron.calls, "nothing deployed yet");

        api.deploy("shop", new DeployRequest("example.com/shop:1", null));
        assertEquals("sync shop [report@1:forbid:cli] v1", cron.calls.getLast(), "a release re-installs the jobs");
        api.addCron("shop", ScheduledJob.request("sync", "@hourly", "bin/sync", "replace"));
        api.setConfig("shop", java.util.Map.of("A", "b"));
        assertEquals("sync shop [report@1:forbid:cli, sync@2:replace:cli] v2", cron.calls.getLast());

        // changing a job by name keeps its number
        api.addCron("shop", ScheduledJob.request("report", "0 3 * * *", "bin/report", "allow"));
        assertEquals("sync shop [report@1:allow:cli, sync@2:replace:cli] v2", cron.calls.getLast());

        api.runCron("shop", "sync");
        assertEquals("run shop sync v2", cron.calls.getLast());
        List<ScheduledJob> left = api.removeCron("shop", "report");
        assertEquals(List.of("sync"), left.stream().map(ScheduledJob::name).toList());
        assertEquals("sync shop [sync@2:replace:cli] v2", cron.calls.getLast());

        api.deleteApp("shop");
        assertTrue(cron.calls.contains("removeAll shop"), cron.calls::toString);
    }

    @Test
    void badSchedulesNameTheFieldAndPosition() throws Exception {
        var res = send("POST", "/cron", "{\"name\":\"r\",\"schedule\":\"0 25 * * *\",\"command\":\"x\"}");
        assertEquals(422, res.statusCode(), res.body());
        assertTrue(res.body().contains("field 2 (hour) at position 3: 25 is out of range 0-23"), res.body());
        res = send("POST", "/cron", "{\"name\":\"r\",\"schedule\":\"* * * *\",\"command\":\"x\"}");
        assertEquals(422, res.statusCode(), res.body());
        assertTrue(res.body().contains("4 field(s)"), res.body());
        // seconds are for tests only (PVDIFY_CRON_SECONDS); this daemon does not allow them
        res = send("POST", "/cron", "{\"name\":\"r\",\"schedule\":\"* * * * * *\",\"command\":\"x\"}");
        assertEquals(422, res.statusCode(), res.body());
        assertTrue(cron.calls.isEmpty(), cron.calls::toString);
    }

    @Test
    void hostileAndMalformedInputIsRefusedClearly() throws Exception {
        String[][] bad = {
                {"{\"name\":\"r\",\"schedule\":\"@daily\",\"command\":\"true\\nExecStartPre=/bin/rm -rf /\"}",
                        "command must be one line"},
                {"{\"name\":\"../etc\",\"schedule\":\"@daily\",\"command\":\"true\"}", "name must be"},
                {"{\"name\":\"a b\",\"schedule\":\"@daily\",\"command\":\"true\"}", "name must be"},
                {"{\"name\":\"Report\",\"schedule\":\"@daily\",\"command\":\"true\"}", "name must be"},
                {"{\"name\":\"" + "a".repeat(64) + "\",\"schedule\":\"@daily\",\"command\":\"true\"}", "name must be"},
                {"{\"schedule\":\"@daily\",\"command\":\"true\"}", "name is required"},
                {"{\"name\":\"r\",\"command\":\"true\"}", "schedule is required"},
                {"{\"name\":\"r\",\"schedule\":\"@daily\"}", "command is required"},
                {"{\"name\":\"r\",\"schedule\":\"@daily\",\"command\":\"" + "x".repeat(5000) + "\"}", "longer than"},
                {"{\"name\":\"r\",\"schedule\":\"@daily\",\"command\":\"true\",\"policy\":\"sometimes\"}",
                        "policy must be allow, forbid or replace"},
                {"{\"name\":\"r\",\"schedule\":\"@reboot\",\"command\":\"true\"}", "unknown schedule macro @reboot"},
                {"{\"name\":\"r\",\"schedule\":\"* * * * *\\n[Service]\",\"command\":\"true\"}", "control"},
                {"{\"name\":\"r\",\"schedule\":\"%n * * * *\",\"command\":\"true\"}", "field 1 (minute)"},
        };
        for (String[] b : bad) {
            var res = send("POST", "/cron", b[0]);
            assertEquals(422, res.statusCode(), b[0] + " -> " + res.body());
            assertTrue(res.body().contains(b[1]), b[0] + " -> " + res.body());
        }
        var res = send("POST", "/cron", "{\"name\":\"r\",\"schedule\":5,\"command\":\"true\"}");
        assertEquals(422, res.statusCode(), res.body());
        assertTrue(res.body().contains("schedule must be a string"), res.body());
        res = send("POST", "/cron", "{not json");
        assertEquals(400, res.statusCode(), res.body());
        res = send("DELETE", "/cron/nope", null);
        assertEquals(404, res.statusCode(), res.body());
        res = send("DELETE", "/cron/..%2F..%2Fetc", null);
        assertTrue(res.statusCode() == 404 || res.statusCode() == 400, res.body());
        res = send("POST", "/cron/nope/run", null);
        assertEquals(404, res.statusCode(), res.body());
        assertTrue(cron.calls.isEmpty(), cron.calls::toString);

        api.addCron("shop", ScheduledJob.request("r", "@daily", "true", null));
        var e = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class, () -> api.runCron("shop", "r"));
        assertEquals(409, e.status(), "nothing deployed to run it with");
    }
}
