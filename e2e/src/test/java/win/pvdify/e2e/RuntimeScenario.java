package win.pvdify.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import win.pvdify.api.CreateApp;
import win.pvdify.api.DeployRequest;
import win.pvdify.api.Dyno;
import win.pvdify.api.FormationEntry;
import win.pvdify.api.Release;
import win.pvdify.api.client.ApiException;
import win.pvdify.api.client.PvdifyClient;
import win.pvdify.fakes.CaddyProcess;

/**
 * Issue 3's scenario against the packaged pvdifyd and a real supervisor (subclasses: systemd in a namespace, the
 * Podman fallback). The steps build on each other, in order, on one app "shop"; "shop-api" shares its name's
 * prefix so the logs step can prove that nothing of it leaks into shop's logs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StopAfterFailure.class)
abstract class RuntimeScenario {
    static final String APP = "shop";
    static final String OTHER = "shop-api";
    static final String WEB1 = "localhost/pvdify-test/web:1";
    static final String WEB2 = "localhost/pvdify-test/web:2";
    static final String CRASH = "localhost/pvdify-test/crash:latest";
    static final String GREETING = "hello from e2e";
    static final String MARK_APP = "e2e-mark-of-shop";
    static final String MARK_OTHER = "e2e-mark-of-other";
    static final Duration LONG = Duration.ofSeconds(150);
    static final Pattern HEROKU_LINE = Pattern.compile(
            "^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00 (app|pvdify)\\[[a-z0-9_.-]+\\]: .*");

    /** The running daemon (subclasses start it in @BeforeAll). */
    abstract PvdifyDaemon daemon();

    abstract DynoHost host();

    /** The supervisor's "reboot": subclasses prove the apps come back (see their comments for how). */
    abstract void reboot();

    /**
     * A real Caddy for the daemon's traffic switch: a deploy whose switch fails is a failed deploy (RouteSync), so
     * the runtime scenarios need one too, though they talk to the dynos' ports directly.
     */
    static CaddyProcess startCaddy(java.nio.file.Path work) {
        return new CaddyProcess(CaddyProcess.Options.of(work.resolve("caddy"), Repo.freePort(), Repo.freePort(),
                "e2e.test")).start();
    }

    PvdifyClient api() {
        return daemon().client();
    }

    static String worker(String mark) {
        return "sh -c 'while true; do echo " + mark + "; sleep 1; done'";
    }

    // ---- steps ----

    @Test
    @Order(1)
    void deployAnswersFromTheDyno() {
        PvdifyClient api = api();
        api.createApp(new CreateApp(APP, null));
        api.createApp(new CreateApp(OTHER, null));
        // the other app runs only a worker that prints its own mark
        api.scale(OTHER, List.of(new FormationEntry("web", 0, null), new FormationEntry("worker", 1,
                worker(MARK_OTHER))));
        deploy(OTHER, WEB1);
        Release r = deploy(APP, WEB1);
        assertEquals("current", r.status(), () -> "first release: " + r);
        Dyno web = Poll.value("shop web.1 up", LONG, () -> upDynos(APP, "web").stream().findFirst().orElse(null));
        assertNotNull(web.port());
        String body = Poll.value("HTTP 200 from the dyno on " + web.port(), LONG,
                () -> HttpChecks.body200(web.port(), "/"));
        assertTrue(body.contains("pvdify-test web v1"), body);
    }

    @Test
    @Order(2)
    void configSetMakesAReleaseVisibleInTheContainer() {
        int before = current(APP).version();
        api().setConfig(APP, Map.of("GREETING", GREETING));
        Release now = Poll.value("a new current release after config:set", LONG, () -> {
            Release c = current(APP);
            return c != null && c.version() > before ? c : null;
        });
        assertEquals(WEB1, imageName(now.image()), now::toString);
        awaitEveryWeb("GREETING visible in every web dyno", dyno -> GREETING.equals(
                HttpChecks.body200(dyno.port(), "/cgi-bin/env?GREETING")));
    }

    @Test
    @Order(3)
    void scaleRunsFourDynos() {
        api().scale(APP, List.of(new FormationEntry("web", 3, null), new FormationEntry("worker", 1,
                worker(MARK_APP))));
        Poll.until("4 active dynos of shop (now: " + host().activeDynos(APP) + ")", LONG,
                () -> host().activeDynos(APP).size() == 4 && upDynos(APP, "web").size() == 3
                        && upDynos(APP, "worker").size() == 1);
        awaitEveryWeb("all 3 web dynos answer", dyno -> HttpChecks.body200(dyno.port(), "/") != null);
    }

    @Test
    @Order(4)
    void aKilledContainerIsRestarted() {
        Dyno web1 = upDynos(APP, "web").stream().filter(d -> d.number() == 1).findFirst().orElseThrow();
        String container = host().runningContainers(APP).stream().filter(n -> n.contains(".web.1."))
                .findFirst().orElseThrow(() -> new AssertionError("no running web.1 container: "
                        + host().runningContainers(APP)));
        host().killContainer(container);
        Dyno back = Poll.value("web.1 restarted and up (restarts > " + web1.restarts() + ")", LONG,
                () -> upDynos(APP, "web").stream().filter(d -> d.number() == 1 && d.restarts() > web1.restarts())
                        .findFirst().orElse(null));
        Poll.value("restarted web.1 answers", LONG, () -> HttpChecks.body200(back.port(), "/"));
        System.out.println("[e2e] web.1 after kill: " + back);
    }

    @Test
    @Order(5)
    void aBrokenDeployFailsAndTheOldReleaseKeepsServing() {
        Release before = current(APP);
        try {
            api().deploy(APP, new DeployRequest(CRASH, null));
        } catch (ApiException expected) {
            System.out.println("[e2e] deploy of the crash image answered: " + expected.getMessage());
        }
        Release failed = Poll.value("the crash release failed", LONG, () -> api().releases(APP).stream()
                .filter(r -> r.version() > before.version() && "failed".equals(r.status())).findFirst().orElse(null));
        assertNotNull(failed.failureReason(), failed::toString);
        assertFalse(failed.failureReason().isBlank(), failed::toString);
        System.out.println("[e2e] failed release: " + failed.failureReason());
        assertEquals(before.version(), current(APP).version());
        awaitEveryWeb("old release still answers", dyno -> GREETING.equals(
                HttpChecks.body200(dyno.port(), "/cgi-bin/env?GREETING")));
        Poll.until("no dyno of the failed release (" + host().containers(APP) + ")", LONG,
                () -> host().containers(APP).stream().noneMatch(n -> releaseOf(n) == failed.version()));
    }

    @Test
    @Order(6)
    void rollbackCopiesImageAndConfigOfTheTarget() {
        Release before = current(APP);
        // the release before the current one is v1: web:1 without GREETING
        api().rollback(APP, 1);
        Release now = Poll.value("rollback release current", LONG, () -> {
            Release c = current(APP);
            return c != null && c.version() > before.version() ? c : null;
        });
        assertEquals(WEB1, imageName(now.image()), now::toString);
        awaitEveryWeb("GREETING gone after rollback to v1", dyno -> "".equals(
                HttpChecks.body200(dyno.port(), "/cgi-bin/env?GREETING")));
        // back to one web dyno: the rest of the scenario does not need three
        api().scale(APP, List.of(new FormationEntry("web", 1, null)));
        Poll.until("one web dyno", LONG, () -> upDynos(APP, "web").size() == 1 && host().activeDynos(APP).size() == 2);
    }

    @Test
    @Order(7)
    void rebootBringsTheAppsBack() {
        reboot();
        awaitEveryWeb("web answers after the reboot", dyno -> HttpChecks.body200(dyno.port(), "/") != null);
        Poll.until("worker up after the reboot", LONG, () -> upDynos(APP, "worker").size() == 1);
    }

    @Test
    @Order(8)
    @Timeout(value = 12, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void killMinus9AtEachStepOfADeployLeavesNothingStuck() {
        // queued: killed before its turn (it is resumed after the restart); the others: killed mid-deploy
        List<String> stages = List.of("queued", "start", "health", "switch");
        for (int i = 0; i < stages.size(); i++) {
            killAt(stages.get(i), i % 2 == 0 ? WEB2 : WEB1);
        }
    }

    private void killAt(String stage, String image) {
        Release before = current(APP);
        OperationCalls ops = new OperationCalls(daemon().port(), daemon().token());
        long id;
        if (stage.equals("queued")) {
            // behind a running deploy, so it is surely still queued when pvdifyd dies
            long running = ops.submit("POST", "/api/v1/apps/" + APP + "/releases",
                    "{\"image\":\"" + (image.equals(WEB1) ? WEB2 : WEB1) + "\"}");
            ops.eventsUntil(running, e -> "start".equals(e.get("stage").asText()));
            id = ops.submit("POST", "/api/v1/apps/" + APP + "/releases", "{\"image\":\"" + image + "\"}");
        } else {
            id = ops.submit("POST", "/api/v1/apps/" + APP + "/releases", "{\"image\":\"" + image + "\"}");
            ops.eventsUntil(id, e -> stage.equals(e.get("stage").asText()));
        }
        daemon().kill9();
        System.out.println("[e2e] kill -9 of pvdifyd at '" + stage + "' of operation " + id + " (deploy " + image + ")");
        daemon().start();
        String end = Poll.value("operation " + id + " ended after the restart", LONG, () -> {
            String state = ops.state(id);
            return Set.of("succeeded", "failed", "cancelled").contains(state) ? state : null;
        });
        Release after = Poll.value("no release pending/deploying after restart", LONG, () -> {
            List<Release> all = api().releases(APP);
            boolean stuck = all.stream().anyMatch(r -> Set.of("pending", "deploying").contains(r.status()));
            return stuck ? null : current(APP);
        });
        System.out.println("[e2e] after restart: operation " + id + " " + end + ", current v" + after.version() + " "
                + after.image() + "; releases " + api().releases(APP).stream().map(r -> "v" + r.version() + "="
                + r.status()).toList());
        if (stage.equals("queued")) {
            assertEquals("succeeded", end, "a queued operation runs after the restart");
            assertEquals(image, after.image());
        } else {
            assertTrue(after.version() >= before.version());
        }
        for (com.fasterxml.jackson.databind.JsonNode op : ops.history(APP)) {
            assertTrue(Set.of("succeeded", "failed", "cancelled").contains(op.get("state").asText()),
                    () -> "operation left " + op);
        }
        Poll.until("only the current release's dynos (containers " + host().containers(APP) + ", units "
                + host().unitFiles(APP) + ")", LONG, () -> {
                    List<String> names = new ArrayList<>(host().containers(APP));
                    names.addAll(host().unitFiles(APP).stream().map(u -> u.replace(".service", "")).toList());
                    return !names.isEmpty() && names.stream().allMatch(n -> releaseOf(n) == after.version());
                });
        awaitEveryWeb("web answers after the restart", dyno -> HttpChecks.body200(dyno.port(), "/") != null);
    }

    @Test
    @Order(9)
    void logsAreThisAppsInHerokuFormat() {
        List<String> lines = Poll.value("shop's worker lines in the logs", LONG, () -> {
            List<String> l = api().logs(APP, 300, null);
            return l.stream().anyMatch(s -> s.contains(MARK_APP)) ? l : null;
        });
        List<String> appLines = lines.stream().filter(s -> s.contains(MARK_APP)).toList();
        assertTrue(appLines.stream().allMatch(s -> HEROKU_LINE.matcher(s).matches()
                && s.contains(" app[worker.1]: ")), () -> "not Heroku format: " + appLines);
        assertTrue(lines.stream().noneMatch(s -> s.contains(MARK_OTHER)), () -> "shop-api's lines leaked: " + lines);
        List<String> other = api().logs(OTHER, 300, null);
        assertTrue(other.stream().noneMatch(s -> s.contains(MARK_APP)), () -> "shop's lines leaked: " + other);
        List<String> web = api().logs(APP, 300, "web");
        assertTrue(web.stream().noneMatch(s -> s.contains(MARK_APP)), () -> "worker lines in web logs: " + web);
    }

    @Test
    @Order(10)
    void deleteLeavesNothing() {
        api().deleteApp(APP);
        api().deleteApp(OTHER);
        for (String app : List.of(APP, OTHER)) {
            Poll.until(app + " gone: containers " + host().containers(app) + ", units " + host().unitFiles(app)
                    + ", env files " + host().envFiles(app), LONG, () -> host().containers(app).isEmpty()
                    && host().unitFiles(app).isEmpty() && host().envFiles(app).isEmpty());
        }
        assertTrue(api().apps().stream().noneMatch(a -> a.name().equals(APP) || a.name().equals(OTHER)));
    }

    // ---- helpers ----

    Release deploy(String app, String image) {
        int before = api().releases(app).stream().mapToInt(Release::version).max().orElse(0);
        try {
            api().deploy(app, new DeployRequest(image, null));
        } catch (ApiException e) {
            throw new AssertionError("deploy of " + image + " to " + app + " failed: " + e.getMessage()
                    + "\n--- pvdifyd log ---\n" + tail(daemon().logText()), e);
        }
        return Poll.value(app + " release of " + image + " current", LONG, () -> {
            Release c = current(app);
            return c != null && c.version() > before ? c : null;
        });
    }

    Release current(String app) {
        return api().releases(app).stream().filter(r -> "current".equals(r.status()))
                .max(Comparator.comparingInt(Release::version)).orElse(null);
    }

    List<Dyno> upDynos(String app, String type) {
        return api().ps(app).dynos().stream().filter(d -> type.equals(d.type()) && "up".equals(d.state())).toList();
    }

    /** Waits until the app's web dynos are all of the current release, up, and each passes the check. */
    void awaitEveryWeb(String what, java.util.function.Predicate<Dyno> check) {
        Poll.until(what, LONG, () -> {
            Release c = current(APP);
            List<Dyno> web = api().ps(APP).dynos().stream().filter(d -> "web".equals(d.type())).toList();
            return c != null && !web.isEmpty() && web.stream().allMatch(d -> d.release() == c.version()
                    && "up".equals(d.state()) && d.port() != null && check.test(d));
        });
    }

    private static final Pattern DYNO_NAME = Pattern.compile("pvdify-[a-z0-9-]+\\.[a-z0-9_-]+\\.\\d+\\.v(\\d+)(\\.p\\d+)?");

    /** The release in a container or unit name (pvdify-APP.TYPE.N.vR[.pPORT][.service]); -1 when not a dyno's. */
    static int releaseOf(String name) {
        var m = DYNO_NAME.matcher(name.replace(".service", ""));
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** "localhost/x:1@sha256:..." or "localhost/x:1" -> "localhost/x:1". */
    static String imageName(String image) {
        int at = image.indexOf('@');
        return at < 0 ? image : image.substring(0, at);
    }

    static String tail(String text) {
        return text.length() <= 6000 ? text : text.substring(text.length() - 6000);
    }

    static void joinQuietly(Thread t) {
        try {
            t.join(Duration.ofSeconds(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
