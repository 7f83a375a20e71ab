package win.pvdify.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import win.pvdify.api.CreateApp;
import win.pvdify.api.DeployRequest;
import win.pvdify.api.Dyno;
import win.pvdify.api.FormationEntry;
import win.pvdify.api.Healthcheck;
import win.pvdify.api.Operation;
import win.pvdify.api.Release;
import win.pvdify.api.UpdateApp;
import win.pvdify.api.client.PvdifyClient;
import win.pvdify.fakes.CaddyProcess;
import win.pvdify.fakes.LoadProbe;
import win.pvdify.fakes.LoadReport;

/**
 * Issue 18 parts 4-6 with real Podman and Caddy, once per supervisor (HealthScenarioIT: systemd in a namespace;
 * HealthFallbackScenarioIT: the Podman API fallback): a web dyno whose liveness path stops answering (its process
 * lives) is taken out, restarted and put back with no failed request through Caddy; a release that crash-loops after
 * its deploy is rolled back by itself; a stuck app is force-deleted at once; a half-removed app deletes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
abstract class HealthScenario {
    static final String BASE = "e2e.test";
    static final String WEB1 = "localhost/pvdify-test/web:1";
    static final String HANG = "localhost/pvdify-test/hang:latest";
    static final String CRASHLATER = "localhost/pvdify-test/crashlater:latest";
    static final Duration LONG = Duration.ofSeconds(120);
    /** Detection (2 probes at 1 s, 1 s timeout) + restart + the first passing probe, with room for a slow host. */
    static final Duration BACK_WITHIN = Duration.ofSeconds(30);

    abstract PvdifyDaemon daemon();

    abstract CaddyProcess caddy();

    /** The podman CLI that sees the daemon's containers. */
    abstract Podman podman();

    /** The app's unit files (none for the Podman fallback). */
    abstract List<String> unitFiles(String app);

    /**
     * Leaves the app half-removed behind pvdifyd's back: a dyno's container gone (its unit kept where there are
     * units), another dyno's unit gone, its env files gone.
     */
    abstract void halfRemove(String app, List<String> containers);

    PvdifyClient api() {
        return daemon().client();
    }

    static Healthcheck checks(String path, boolean autoRollback, Integer window) {
        return new Healthcheck(path, 1, 1, 3, null, null, null, null, 20).withLiveness(true, 1, 2, autoRollback,
                window);
    }

    @Test
    @Order(1)
    void aDynoThatStopsAnsweringIsTakenOutRestartedAndPutBackUnderLoad() {
        String app = "live";
        api().createApp(new CreateApp(app, null));
        api().updateApp(app, new UpdateApp(null, null, checks("/cgi-bin/live", false, null), null, null));
        api().scale(app, List.of(new FormationEntry("web", 2, null)));
        deploy(app, HANG);
        Dyno web1 = Poll.value("web.1 healthy", LONG, () -> web(app, 1, "healthy"));
        LoadProbe probe = LoadProbe.start(new LoadProbe.Options(caddy().httpPort(), app + "." + BASE, "/", 4,
                Duration.ofMinutes(2), 0));
        LoadReport report;
        long hungAt;
        long backAt;
        try {
            Poll.until("load running", LONG, () -> probe.recorded() > 20);
            assertTrue(HttpChecks.body200(web1.port(), "/cgi-bin/hang").contains("hanging"));
            hungAt = System.nanoTime();
            Poll.until("web.1 taken out", LONG, () -> web(app, 1, "out") != null
                    || logs(app).contains("taken out of the route"));
            Poll.until("web.1 back in the route", LONG, () -> logs(app).contains("back in the route")
                    && web(app, 1, "healthy") != null);
            backAt = System.nanoTime();
            int n = probe.recorded();
            Poll.until("load after web.1 came back", LONG, () -> probe.recorded() > n + 50);
        } finally {
            report = probe.stop();
        }
        System.out.println("[e2e] liveness under load:\n" + report.summary(200));
        List<LoadReport.Sample> errors = report.errors(200);
        assertTrue(errors.isEmpty(), () -> errors.size() + " of " + report.requests() + " requests failed:\n"
                + errors.stream().limit(10).map(Object::toString).toList());
        Duration took = Duration.ofNanos(backAt - hungAt);
        assertTrue(took.compareTo(BACK_WITHIN) < 0, "web.1 back after " + took);
        String logs = logs(app);
        assertTrue(logs.contains("pvdify[liveness]: web.1") && logs.contains("Restarting web.1"), logs);
        assertEquals("alive\n", HttpChecks.body200(web1.port(), "/cgi-bin/live"), "the restarted web.1 answers");
    }

    @Test
    @Order(2)
    void aReleaseThatCrashLoopsAfterItsDeployIsRolledBackByItself() {
        String app = "roll";
        api().createApp(new CreateApp(app, null));
        api().updateApp(app, new UpdateApp(null, null, checks(null, true, 90), null, null));
        Release good = deploy(app, WEB1);
        Release bad = deploy(app, CRASHLATER); // serves 8 s, then exits 4 (systemd restarts it after 5 s)
        Release back = Poll.value("an automatic rollback to v" + good.version(), LONG, () -> {
            Release c = current(app);
            return c != null && c.version() > bad.version() ? c : null;
        });
        assertEquals(WEB1, imageName(back.image()));
        Release failed = api().release(app, bad.version());
        assertEquals("failed", failed.status(), failed::toString);
        assertTrue(failed.failureReason().startsWith("rolled back automatically: "), failed.failureReason());
        assertTrue(failed.failureReason().contains("crashlater"), "the dyno's last lines: " + failed.failureReason());
        Operation op = api().operations(app, 10).stream().filter(o -> o.description().startsWith("Automatic rollback"))
                .findFirst().orElseThrow(() -> new AssertionError("no automatic rollback operation: "
                        + api().operations(app, 10)));
        Poll.until("the rollback operation succeeds", LONG, () -> "succeeded".equals(api().operation(op.id()).state()));
        assertTrue(logs(app).contains("failed within its settling window"), logs(app));
        // no ping-pong: the rollback release stays current
        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < until) {
            assertEquals(back.version(), current(app).version());
            sleep(1000);
        }
    }

    @Test
    @Order(3)
    void forceDeleteRemovesAStuckAppAtOnce() {
        String app = "stuck";
        api().createApp(new CreateApp(app, null));
        api().updateApp(app, new UpdateApp(null, null, checks(null, false, null), null, null));
        // web ignores SIGTERM: a normal stop would wait its whole 30 s stop timeout
        api().scale(app, List.of(new FormationEntry("web", 1,
                "sh -c 'trap \"\" TERM; exec httpd -f -p $PORT -h /www'")));
        deploy(app, WEB1);
        // ps:stop --force kills the stuck web.1 at once; a fresh one takes its place
        Dyno before = Poll.value("stuck web.1 up", LONG, () -> api().ps(app).dynos().stream()
                .filter(d -> "web.1".equals(d.name()) && "up".equals(d.state())).findFirst().orElse(null));
        long s0 = System.nanoTime();
        Operation stop = api().startStop(app, "web.1", true);
        Poll.until("ps:stop --force done", LONG, () -> "succeeded".equals(api().operation(stop.id()).state()));
        Duration stopTook = Duration.ofNanos(System.nanoTime() - s0);
        assertTrue(stopTook.compareTo(Duration.ofSeconds(15)) < 0, "ps:stop --force took " + stopTook);
        Dyno fresh = Poll.value("a fresh web.1 up", LONG, () -> api().ps(app).dynos().stream()
                .filter(d -> "web.1".equals(d.name()) && "up".equals(d.state()) && !d.port().equals(before.port()))
                .findFirst().orElse(null));
        Poll.value("the fresh web.1 answers", LONG, () -> HttpChecks.body200(fresh.port(), "/"));
        // and a deploy that never gets healthy is running (it would hold the app for its 20 s deploy timeout):
        // its web runs the formation's httpd too, so only a path nothing serves keeps it unhealthy
        api().updateApp(app, new UpdateApp(null, null,
                new Healthcheck("/never-healthy", 1, 1, 3, null, null, null, null, 20), null, null));
        Operation hanging = api().startDeploy(app, new DeployRequest("localhost/pvdify-test/unhealthy:latest", null));
        Poll.until("the hanging deploy runs", LONG, () -> "running".equals(api().operation(hanging.id()).state()));
        long t0 = System.nanoTime();
        Operation delete = api().startDeleteApp(app, true);
        Poll.until("force delete done", LONG, () -> "succeeded".equals(api().operation(delete.id()).state()));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "force delete took " + took);
        assertTrue(api().apps().stream().noneMatch(a -> a.name().equals(app)));
        assertTrue(containers(app).isEmpty(), () -> "containers left: " + containers(app));
        assertTrue(unitFiles(app).isEmpty(), () -> "units left: " + unitFiles(app));
    }

    @Test
    @Order(4)
    void aHalfRemovedAppDeletes() {
        String app = "half";
        api().createApp(new CreateApp(app, null));
        api().scale(app, List.of(new FormationEntry("web", 1, null), new FormationEntry("worker", 1,
                "sh -c 'while true; do sleep 1; done'")));
        deploy(app, WEB1);
        List<String> containers = containers(app);
        assertEquals(2, containers.size(), containers::toString);
        halfRemove(app, containers);
        adminDelete(caddy().adminUrl() + "/id/pvdify-app-" + app); // a route without its app's dynos, then none
        Operation delete = api().startDeleteApp(app, false);
        Poll.until("delete of the half-removed app ends", LONG,
                () -> !List.of("queued", "running").contains(api().operation(delete.id()).state()));
        assertEquals("succeeded", api().operation(delete.id()).state(), () -> api().operation(delete.id()).toString());
        Poll.until("nothing of " + app + " left", LONG, () -> containers(app).isEmpty() && unitFiles(app).isEmpty());
    }

    // ---- helpers ----

    Release deploy(String app, String image) {
        int before = api().releases(app).stream().mapToInt(Release::version).max().orElse(0);
        api().deploy(app, new DeployRequest(image, null));
        return Poll.value(app + " release of " + image + " current", LONG, () -> {
            Release c = current(app);
            return c != null && c.version() > before ? c : null;
        });
    }

    Release current(String app) {
        return api().releases(app).stream().filter(r -> "current".equals(r.status()))
                .max(java.util.Comparator.comparingInt(Release::version)).orElse(null);
    }

    Dyno web(String app, int number, String health) {
        return api().ps(app).dynos().stream().filter(d -> "web".equals(d.type()) && d.number() == number
                && "up".equals(d.state()) && health.equals(d.health())).findFirst().orElse(null);
    }

    String logs(String app) {
        return String.join("\n", api().logs(app, 300, null));
    }

    List<String> containers(String app) {
        return podman().names(app, true);
    }

    static String imageName(String image) {
        int at = image.indexOf('@');
        return at < 0 ? image : image.substring(0, at);
    }

    /** Removes the app's route behind pvdifyd's back (Caddy's admin API). */
    static void adminDelete(String url) {
        try {
            var answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(url)).DELETE().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer::body);
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
