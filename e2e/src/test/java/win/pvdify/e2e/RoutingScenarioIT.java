package win.pvdify.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Timeout;
import win.pvdify.api.AddDomain;
import win.pvdify.api.CreateApp;
import win.pvdify.api.DeployRequest;
import win.pvdify.api.Dyno;
import win.pvdify.api.FormationEntry;
import win.pvdify.api.Healthcheck;
import win.pvdify.api.Maintenance;
import win.pvdify.api.Release;
import win.pvdify.api.UpdateApp;
import win.pvdify.api.client.PvdifyClient;
import win.pvdify.fakes.CaddyProcess;
import win.pvdify.fakes.FakeCloudflare;
import win.pvdify.fakes.LoadProbe;
import win.pvdify.fakes.LoadReport;

/**
 * Issue 4's "Done when": a real Caddy (from Caddyfile.example) in front of the packaged pvdifyd (Podman fallback
 * supervisor, its own Podman service) with the Cloudflare fake: default host, custom domain with its CNAME,
 * on-demand TLS ask, and every operation under steady load through Caddy answered 200 by the app.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StopAfterFailure.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RoutingScenarioIT {
    static final String BASE = "e2e.test";
    static final String APP = "my-app";
    static final String HOST = APP + "." + BASE;
    static final String CUSTOM = "www.example.com";
    static final String CF_TOKEN = "e2e-cloudflare-token";
    static final Duration LONG = Duration.ofSeconds(150);
    FakeCloudflare cloudflare;
    PodmanService podman;
    CaddyProcess caddy;
    static final int FIRST_PORT = 23600;
    static final int LAST_PORT = 23899;
    PvdifyDaemon daemon;

    @BeforeAll
    void boot() {
        Path work = Repo.workDir("routing");
        Repo.pvdifydJar();
        HostPortRules.removeForPorts(FIRST_PORT, LAST_PORT); // an aborted earlier run's
        cloudflare = new FakeCloudflare(CF_TOKEN).start(0);
        cloudflare.addZone("example.com");
        podman = PodmanService.start("rt", work);
        caddy = new CaddyProcess(CaddyProcess.Options.of(work.resolve("caddy"), Repo.freePort(), Repo.freePort(),
                BASE)).start();
        daemon = new PvdifyDaemon(List::of, work, Map.of(
                "--supervisor", "podman",
                "--podman-socket", podman.socket().toString(),
                "--unit-dir", work.resolve("units").toString(),
                "--env-dir", "/run/pvdify-e2e-rt/env",
                "--port-range", FIRST_PORT + "-" + LAST_PORT,
                "--base-domain", BASE,
                "--caddy-admin-url", caddy.adminUrl(),
                "--caddy-server-name", caddy.serverName()),
                Map.of("CLOUDFLARE_API_TOKEN", CF_TOKEN, "CLOUDFLARE_API_BASE_URL", cloudflare.baseUrl()));
        daemon.start();
    }

    @AfterAll
    void shutdown() {
        try {
            if (daemon != null) {
                daemon.close();
            }
        } finally {
            try {
                if (caddy != null) {
                    caddy.close();
                }
                if (podman != null) {
                    podman.close();
                }
                HostPortRules.removeForPorts(FIRST_PORT, LAST_PORT);
            } finally {
                if (cloudflare != null) {
                    cloudflare.close();
                }
            }
        }
    }

    PvdifyClient api() {
        return daemon.client();
    }

    HttpChecks.Answer viaCaddy(String host) {
        return HttpChecks.get(caddy.httpPort(), host, "/");
    }

    @Test
    @Order(1)
    void theDefaultHostAnswersThroughCaddy() {
        api().createApp(new CreateApp(APP, null));
        api().deploy(APP, new DeployRequest(RuntimeScenario.WEB1, null));
        Poll.until(HOST + " answers v1 through Caddy (routes " + caddy.routeIds() + ")", LONG,
                () -> viaCaddy(HOST).ok() && viaCaddy(HOST).body().contains("pvdify-test web v1"));
        int unknown = viaCaddy("nobody." + BASE).status();
        assertEquals(404, unknown, "an unknown host gets Caddy's 404");
    }

    @Test
    @Order(2)
    void aCustomDomainRoutesAndItsCnameIsManaged() {
        api().addDomain(APP, new AddDomain(CUSTOM, true, false));
        Poll.until(CUSTOM + " answers through Caddy", LONG, () -> viaCaddy(CUSTOM).ok());
        assertTrue(cloudflare.calls().stream().anyMatch(c -> c.method().equals("POST")
                && c.path().endsWith("/dns_records") && c.body().contains(CUSTOM) && c.body().contains("CNAME")
                && c.body().contains(HOST)), () -> "no CNAME create seen: " + cloudflare.calls());
        System.out.println("[e2e] cloudflare records after add: " + cloudflare.recordLines());

        api().removeDomain(APP, CUSTOM);
        Poll.until(CUSTOM + " 404s after domains:remove", LONG, () -> viaCaddy(CUSTOM).status() == 404);
        assertTrue(cloudflare.calls().stream().anyMatch(c -> c.method().equals("DELETE")
                && c.path().contains("/dns_records/")), () -> "no record delete seen: " + cloudflare.calls());
        assertTrue(cloudflare.recordLines().stream().noneMatch(l -> l.contains(CUSTOM)),
                () -> "record left: " + cloudflare.recordLines());
        assertTrue(viaCaddy(HOST).ok(), "the default host still answers");
    }

    @Test
    @Order(3)
    void onDemandTlsAskIsOnlyForAppHosts() {
        assertEquals(200, HttpChecks.status(daemon.port(), "/tls/ask?domain=" + HOST));
        assertEquals(404, HttpChecks.status(daemon.port(), "/tls/ask?domain=" + CUSTOM));
        assertEquals(404, HttpChecks.status(daemon.port(), "/tls/ask?domain=other." + BASE));
        assertEquals(404, HttpChecks.status(daemon.port(), "/tls/ask?domain=evil.example.org"));
    }

    @Test
    @Order(4)
    void everyOperationUnderLoadAnswers200() {
        List<String> cutovers = new ArrayList<>();
        LoadProbe probe = LoadProbe.start(new LoadProbe.Options(caddy.httpPort(), HOST, "/", 4,
                Duration.ofMinutes(4), 400_000));
        LoadReport report;
        try {
            Poll.until("load running", LONG, () -> probe.recorded() > 20);
            op(probe, cutovers, "deploy web:2", () -> api().deploy(APP, new DeployRequest(RuntimeScenario.WEB2,
                    null)), () -> probe.seen("pvdify-test web v2") > 0 && webSettled(1));
            op(probe, cutovers, "config:set", () -> api().setConfig(APP, Map.of("GREETING", "under load")),
                    () -> webSettled(1));
            op(probe, cutovers, "scale web=3", () -> api().scale(APP, List.of(new FormationEntry("web", 3, null))),
                    () -> webSettled(3));
            op(probe, cutovers, "scale web=1", () -> api().scale(APP, List.of(new FormationEntry("web", 1, null))),
                    () -> webSettled(1));
            // to v1 (web:1, no GREETING): the answers visibly switch back from v2 to v1
            op(probe, cutovers, "rollback v1", () -> api().rollback(APP, 1), () -> probe.seen("pvdify-test web v1") > 0
                    && webSettled(1));
            long restartsBefore = web().stream().mapToLong(d -> d.startedAt() == null ? 0
                    : d.startedAt().toEpochMilli()).max().orElse(0);
            op(probe, cutovers, "ps:restart", () -> api().restart(APP, null), () -> webSettled(1)
                    && web().stream().allMatch(d -> d.startedAt() != null
                    && d.startedAt().toEpochMilli() > restartsBefore));
            // a last stretch of load after the final switch
            long n = probe.recorded();
            Poll.until("load after the last operation", LONG, () -> probe.recorded() > n + 50);
        } finally {
            report = probe.stop();
        }
        System.out.println("[e2e] zero-downtime report:\n" + report.summary(200));
        cutovers.forEach(c -> System.out.println("[e2e] " + c));
        List<LoadReport.Sample> errors = report.errors(200);
        assertTrue(report.requests() > 0, "no requests were made");
        assertTrue(errors.isEmpty(), () -> errors.size() + " of " + report.requests() + " requests failed:\n"
                + report.summary(200));
        assertTrue(report.samples().stream().allMatch(s -> s.tag() != null && s.tag().startsWith("pvdify-test web")),
                "every 200 came from the app");
    }

    @Test
    @Order(5)
    void twoDeploysAndAConfigSetAtOnceRunInOrderUnderLoad() {
        OperationCalls ops = new OperationCalls(daemon.port(), daemon.token());
        int before = api().app(APP).currentRelease();
        LoadProbe probe = LoadProbe.start(new LoadProbe.Options(caddy.httpPort(), HOST, "/", 4,
                Duration.ofMinutes(4), 400_000));
        LoadReport report;
        List<Long> ids = new ArrayList<>();
        try {
            Poll.until("load running", LONG, () -> probe.recorded() > 20);
            // sent together: each answers 202 at once, the three run one after another in this order
            ids.add(ops.submit("POST", "/api/v1/apps/" + APP + "/releases",
                    "{\"image\":\"" + RuntimeScenario.WEB2 + "\"}"));
            ids.add(ops.submit("POST", "/api/v1/apps/" + APP + "/releases",
                    "{\"image\":\"" + RuntimeScenario.WEB1 + "\"}"));
            ids.add(ops.submit("PUT", "/api/v1/apps/" + APP + "/config", "{\"GREETING\":\"in order\"}"));
            for (long id : ids) {
                assertEquals("succeeded", ops.awaitEnd(id), () -> "operation " + id + ": " + ops.operation(id));
            }
            Poll.until("settled", LONG, () -> webSettled(1));
            long n = probe.recorded();
            Poll.until("load after the last operation", LONG, () -> probe.recorded() > n + 50);
        } finally {
            report = probe.stop();
        }
        List<Integer> versions = ids.stream().map(id -> ops.operation(id).get("release").asInt()).toList();
        assertEquals(List.of(before + 1, before + 2, before + 3), versions, "sequential versions in order");
        assertEquals(RuntimeScenario.WEB1, api().release(APP, before + 3).image(), "config:set ran after both deploys");
        assertEquals("in order", api().config(APP).vars().get("GREETING"));
        System.out.println("[e2e] ordered operations under load:\n" + report.summary(200));
        List<LoadReport.Sample> errors = report.errors(200);
        assertTrue(errors.isEmpty(), () -> errors.size() + " of " + report.requests() + " requests failed:\n"
                + report.summary(200));
    }

    @Test
    @Order(6)
    void cancelMidDeployKeepsTheOldReleaseServingUnderLoad() {
        OperationCalls ops = new OperationCalls(daemon.port(), daemon.token());
        Release before = api().releases(APP).stream().filter(r -> "current".equals(r.status())).findFirst().orElseThrow();
        LoadProbe probe = LoadProbe.start(new LoadProbe.Options(caddy.httpPort(), HOST, "/", 4,
                Duration.ofMinutes(4), 400_000));
        LoadReport report;
        long id;
        try {
            Poll.until("load running", LONG, () -> probe.recorded() > 20);
            id = ops.submit("POST", "/api/v1/apps/" + APP + "/releases",
                    "{\"image\":\"localhost/pvdify-test/unhealthy:latest\"}");
            ops.eventsUntil(id, e -> "health".equals(e.get("stage").asText()));
            assertEquals(202, ops.cancel(id));
            assertEquals("cancelled", ops.awaitEnd(id));
            long n = probe.recorded();
            Poll.until("load after the cancel", LONG, () -> probe.recorded() > n + 50);
        } finally {
            report = probe.stop();
        }
        assertEquals(before.version(), api().app(APP).currentRelease(), "the old release is still current");
        int cancelled = ops.operation(id).get("release").asInt();
        assertEquals("failed", api().release(APP, cancelled).status());
        Poll.until("only the old release's dynos", LONG, () -> webSettled(1));
        assertEquals(409, ops.cancel(id), "an ended operation cannot be cancelled");
        System.out.println("[e2e] cancel under load:\n" + report.summary(200));
        List<LoadReport.Sample> errors = report.errors(200);
        assertTrue(errors.isEmpty(), () -> errors.size() + " of " + report.requests() + " requests failed:\n"
                + report.summary(200));
    }

    @Test
    @Order(7)
    void maintenanceModeAnswers503OnEveryHostWhileADeployGoesOnUnderneath() {
        String custom = "maint.example.com";
        api().addDomain(APP, new AddDomain(custom, null, null));
        Poll.until(custom + " answers through Caddy", LONG, () -> viaCaddy(custom).ok());

        Maintenance on = api().setMaintenance(APP, new Maintenance(true,
                "Back at <b>14:00</b> {http.request.host}", 120));
        assertEquals(true, on.enabled());
        for (String host : List.of(HOST, custom)) {
            HttpChecks.Answer page = viaCaddy(host);
            assertEquals(503, page.status(), host + ": " + page.body());
            assertTrue(page.body().contains("Back at &lt;b&gt;14:00&lt;/b&gt; &#123;http.request.host&#125;"),
                    page.body());
        }
        Release deployed = api().deploy(APP, new DeployRequest(RuntimeScenario.WEB1, "deploy in maintenance"));
        assertEquals("current", deployed.status(), deployed.failureReason());
        assertEquals(503, viaCaddy(HOST).status(), "still in maintenance after the deploy");

        api().setMaintenance(APP, new Maintenance(false, null, null));
        HttpChecks.Answer back = viaCaddy(HOST);
        assertTrue(back.ok() && back.body().contains("pvdify-test web v1"), "at once the newest release: " + back);
        api().removeDomain(APP, custom);
    }

    @Test
    @Order(8)
    void aNeverListeningImageFailsItsDeployWithinItsDeployTimeout() {
        api().updateApp(APP, new UpdateApp(null, null, new Healthcheck("/", null, 1, 100, null, null, null, null, 5),
                null, null));
        long start = System.nanoTime();
        Release failed = api().deploy(APP, new DeployRequest("localhost/pvdify-test/unhealthy:latest", null));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals("failed", failed.status());
        assertTrue(failed.failureReason().contains("not healthy after 5 s"), failed.failureReason());
        assertTrue(took.compareTo(Duration.ofSeconds(45)) < 0, "took " + took.toSeconds() + " s, not the old 60 s");
        assertTrue(viaCaddy(HOST).ok(), "the old release keeps serving");
        api().updateApp(APP, new UpdateApp(null, null, new Healthcheck(null, null, null, null), null, null));
    }

    /** Runs one operation, waits until it took effect; records how long until then (the cutover). */
    void op(LoadProbe probe, List<String> cutovers, String name, Runnable action, BooleanSupplier done) {
        probe.mark(name);
        long t0 = System.nanoTime();
        action.run();
        long called = System.nanoTime();
        Poll.until(name + " took effect", LONG, done::getAsBoolean);
        long end = System.nanoTime();
        cutovers.add(String.format("%-12s api call %5d ms, settled after %5d ms (requests so far %d)", name,
                (called - t0) / 1_000_000, (end - t0) / 1_000_000, probe.recorded()));
        probe.mark(name + " done");
    }

    List<Dyno> web() {
        return api().ps(APP).dynos().stream().filter(d -> "web".equals(d.type())).toList();
    }

    /** count web dynos, all up, all of the current release, and no release still deploying. */
    boolean webSettled(int count) {
        List<Release> releases = api().releases(APP);
        if (releases.stream().anyMatch(r -> "pending".equals(r.status()) || "deploying".equals(r.status()))) {
            return false;
        }
        Release current = releases.stream().filter(r -> "current".equals(r.status()))
                .max(Comparator.comparingInt(Release::version)).orElse(null);
        List<Dyno> web = web();
        return current != null && web.size() == count
                && web.stream().allMatch(d -> "up".equals(d.state()) && d.release() == current.version());
    }
}
