package win.pvdify.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import win.pvdify.api.App;
import win.pvdify.api.Dyno;
import win.pvdify.api.Release;
import win.pvdify.routing.Upstream;
import win.pvdify.dyno.DynoUsage;

/** Orchestration: the exact sequence of effects the engine performs, through recording fakes. */
class EngineTest {
    final Rig rig = new Rig();

    private void deployed(String formation, String... images) {
        rig.ledger.createApp("shop", formation);
        for (String image : images) {
            rig.deploy("shop", rig.ledger.newRelease("shop", image, Map.of("A", "1")));
        }
        rig.log.take();
    }

    @Test
    void firstDeploy() {
        rig.ledger.createApp("shop", "web:1,worker:1");
        int v1 = rig.ledger.newRelease("shop", "shop:1", Map.of("A", "1"));

        List<String> stages = rig.deploy("shop", v1);

        assertEquals(List.of(
                "ledger deploying shop v1",
                "env-write shop v1 [A, PORT]",
                "pull shop:1",
                "start pvdify-shop.web.1.v1.p20000",
                "health web.1 v1 :20000",
                "start pvdify-shop.worker.1.v1",
                "route shop shop.example.com -> 20000",
                "ledger current shop v1 sha256:shop1",
                "status shop running"), rig.log.take());
        assertEquals(List.of("pull", "pull", "start", "health", "start", "switch", "release", "done"), stages);
        assertEquals(Release.Status.CURRENT, rig.ledger.release("shop", 1).status());
    }

    @Test
    void deployOfANewReleaseKeepsTheOldServingUntilTheSwitch() {
        deployed("web:1,worker:1", "shop:1");
        int v2 = rig.ledger.newRelease("shop", "shop:2", Map.of("A", "2"));

        List<String> stages = rig.deploy("shop", v2);

        assertEquals(List.of(
                "ledger deploying shop v2",
                "env-write shop v2 [A, PORT]",
                "pull shop:2",
                "start pvdify-shop.web.1.v2.p20001",
                "health web.1 v2 :20001",
                "start pvdify-shop.worker.1.v2",
                "route shop shop.example.com -> 20001",
                "ledger current shop v2 sha256:shop2",
                "sleep 2000ms",
                "env-delete shop v1",
                "remove pvdify-shop.web.1.v1.p20000",
                "remove pvdify-shop.worker.1.v1",
                "status shop running"), rig.log.take());
        assertEquals(List.of("pull", "pull", "start", "health", "start", "switch", "release", "drain", "drain",
                "drain", "done"), stages);
        assertEquals(Release.Status.SUPERSEDED, rig.ledger.release("shop", 1).status());
        assertEquals(Map.of("shop", List.of(new Upstream("127.0.0.1", 20001))), rig.traffic.routes);
    }

    @Test
    void unhealthyDeployRemovesTheNewDynosAndLeavesTheOldServing() {
        deployed("web:1", "shop:1");
        rig.health.unhealthyImages.add("shop:broken");
        int v2 = rig.ledger.newRelease("shop", "shop:broken", Map.of("A", "1"));

        List<String> stages = rig.deploy("shop", v2);

        assertEquals(List.of(
                "ledger deploying shop v2",
                "env-write shop v2 [A, PORT]",
                "pull shop:broken",
                "start pvdify-shop.web.1.v2.p20001",
                "health web.1 v2 :20001",
                "remove pvdify-shop.web.1.v2.p20001",
                "env-delete shop v2",
                "ledger failed shop v2: web.1 (v2, port 20001) is unhealthy: HTTP 503 on /up (3 times in a row)",
                "status shop running"), rig.log.take());
        assertEquals("failed", stages.getLast());
        String reason = rig.ledger.release("shop", 2).reason();
        assertTrue(reason.contains("pvdify-shop.web.1.v2.p20001: boom"), reason);
        assertEquals(Release.Status.CURRENT, rig.ledger.release("shop", 1).status());
        assertEquals(Map.of("shop", List.of(new Upstream("127.0.0.1", 20000))), rig.traffic.routes);
        assertEquals(List.of("pvdify-shop.web.1.v1.p20000"),
                rig.supervisor.listAll().stream().map(d -> d.unit()).toList());
    }

    @Test
    void dynoCrashingDuringDeployFailsItFast() {
        deployed("web:1", "shop:1");
        rig.supervisor.crashingImages.add("shop:crash");
        int v2 = rig.ledger.newRelease("shop", "shop:crash", Map.of());

        rig.deploy("shop", v2);

        assertEquals(List.of(
                "ledger deploying shop v2",
                "env-write shop v2 [PORT]",
                "pull shop:crash",
                "start pvdify-shop.web.1.v2.p20001",
                "health web.1 v2 :20001",
                "remove pvdify-shop.web.1.v2.p20001",
                "env-delete shop v2",
                "ledger failed shop v2: web.1 (v2, port 20001) is unhealthy: web.1 crashed while starting",
                "status shop running"), rig.log.take());
    }

    @Test
    void failedStartOfAWorkerRemovesEveryNewDyno() {
        deployed("web:1,worker:1", "shop:1");
        rig.supervisor.failingStarts.add("worker.1");
        int v2 = rig.ledger.newRelease("shop", "shop:2", Map.of());

        rig.deploy("shop", v2);

        assertEquals(List.of(
                "ledger deploying shop v2",
                "env-write shop v2 [PORT]",
                "pull shop:2",
                "start pvdify-shop.web.1.v2.p20001",
                "health web.1 v2 :20001",
                "start-failed pvdify-shop.worker.1.v2",
                "remove pvdify-shop.worker.1.v2",
                "remove pvdify-shop.web.1.v2.p20001",
                "env-delete shop v2",
                "ledger failed shop v2: worker.1 (v2) did not start: podman: image not known",
                "status shop running"), rig.log.take());
    }

    @Test
    void failedPullOfTheFirstReleaseLeavesTheAppFailed() {
        rig.ledger.createApp("shop", "web:1");
        rig.puller.missing.add("nope:1");
        int v1 = rig.ledger.newRelease("shop", "nope:1", Map.of());

        rig.deploy("shop", v1);

        assertEquals(List.of(
                "ledger deploying shop v1",
                "env-write shop v1 [PORT]",
                "pull-failed nope:1",
                "env-delete shop v1",
                "ledger failed shop v1: pulling nope:1 failed: manifest unknown",
                "status shop failed"), rig.log.take());
        assertEquals(App.Status.FAILED, rig.ledger.status("shop"));
    }

    @Test
    void scaleUpThenDown() {
        deployed("web:1", "shop:1");

        rig.ledger.scale("shop", "web:3");
        rig.engine.applyFormation("shop");
        assertEquals(List.of(
                "env-write shop v1 [A, PORT]",
                "start pvdify-shop.web.2.v1.p20001",
                "start pvdify-shop.web.3.v1.p20002",
                "health web.2 v1 :20001",
                "health web.3 v1 :20002",
                "route shop shop.example.com -> 20000,20001,20002",
                "status shop running"), rig.log.take());

        rig.ledger.scale("shop", "web:1");
        rig.engine.applyFormation("shop");
        assertEquals(List.of(
                "env-write shop v1 [A, PORT]",
                "route shop shop.example.com -> 20000",
                "sleep 2000ms",
                "remove pvdify-shop.web.3.v1.p20002",
                "remove pvdify-shop.web.2.v1.p20001",
                "status shop running"), rig.log.take());
    }

    @Test
    void dynosOfOneBatchStartAndAreAwaitedSideBySide() throws Exception {
        deployed("web:1", "shop:1");
        rig.ledger.scale("shop", "web:4");
        java.util.concurrent.CyclicBarrier allStarting = new java.util.concurrent.CyclicBarrier(3);
        rig.supervisor.beforeStart = spec -> {
            try {
                allStarting.await(10, java.util.concurrent.TimeUnit.SECONDS); // one after another would time out
            } catch (Exception e) {
                throw new IllegalStateException("the three starts did not run side by side", e);
            }
        };

        rig.engine.applyFormation("shop");

        assertTrue(rig.log.take().contains("route shop shop.example.com -> 20000,20001,20002,20003"));
    }

    @Test
    void aDynoThatFailsInABatchFailsThePlanWithItsNameAndTheOthersAreRemoved() {
        deployed("web:1", "shop:1");
        rig.ledger.scale("shop", "web:3");
        rig.supervisor.beforeStart = spec -> {
            if (spec.number() == 3) {
                throw new IllegalStateException("no space left on device");
            }
        };

        StepFailed e = assertThrows(StepFailed.class, () -> rig.engine.applyFormation("shop"));

        assertTrue(e.getMessage().contains("web.3") && e.getMessage().contains("no space left on device"),
                e.getMessage());
        List<String> log = rig.log.take();
        assertTrue(log.contains("remove pvdify-shop.web.2.v1.p20001"), log.toString());
        assertFalse(log.stream().anyMatch(l -> l.startsWith("route shop") && l.contains("20001")), log.toString());
    }

    @Test
    void scaleToZeroStopsTheApp() {
        deployed("web:1", "shop:1");
        rig.ledger.scale("shop", "web:0");

        rig.engine.applyFormation("shop");

        assertEquals(List.of(
                "env-write shop v1 [A, PORT]",
                "route shop shop.example.com -> ",
                "sleep 2000ms",
                "remove pvdify-shop.web.1.v1.p20000",
                "status shop stopped"), rig.log.take());
    }

    @Test
    void rollingRestartUsesAStandInPerWebDyno() {
        deployed("web:2,worker:1", "shop:1");

        rig.engine.restart("shop", null);

        assertEquals(List.of(
                "env-write shop v1 [A, PORT]",
                "start pvdify-shop.web.1.v1.p20002",
                "health web.1 v1 :20002",
                "route shop shop.example.com -> 20001,20002",
                "sleep 2000ms",
                "remove pvdify-shop.web.1.v1.p20000",
                "start pvdify-shop.web.2.v1.p20003",
                "health web.2 v1 :20003",
                "route shop shop.example.com -> 20002,20003",
                "sleep 2000ms",
                "remove pvdify-shop.web.2.v1.p20001",
                "restart pvdify-shop.worker.1.v1",
                "status shop running"), rig.log.take());
    }

    @Test
    void restartOfAnUnknownTypeIsABadRequest() {
        deployed("web:1", "shop:1");

        PlanException error = assertThrows(PlanException.class, () -> rig.engine.restart("shop", "worker"));

        assertEquals("no worker dynos to restart", error.getMessage());
    }

    @Test
    void failedStandInKeepsTheDynosAlreadyReplaced() {
        deployed("web:2", "shop:1");
        rig.health.whileChecking = () -> {
            if (rig.log.calls().getLast().contains(":20003")) {
                throw new HealthProbe.Unhealthy("timed out");
            }
        };

        assertThrows(StepFailed.class, () -> rig.engine.restart("shop", "web"));

        assertEquals(List.of(
                "env-write shop v1 [A, PORT]",
                "start pvdify-shop.web.1.v1.p20002",
                "health web.1 v1 :20002",
                "route shop shop.example.com -> 20001,20002",
                "sleep 2000ms",
                "remove pvdify-shop.web.1.v1.p20000",
                "start pvdify-shop.web.2.v1.p20003",
                "health web.2 v1 :20003",
                "remove pvdify-shop.web.2.v1.p20003",
                "status shop running"), rig.log.take());
        assertEquals(List.of(new Upstream("127.0.0.1", 20001), new Upstream("127.0.0.1", 20002)),
                rig.traffic.routes.get("shop"));
    }

    @Test
    void rollbackDeploysACopyOfTheTarget() {
        deployed("web:1", "shop:1", "shop:2");
        int v3 = rig.ledger.rollbackTo("shop", 1);

        rig.deploy("shop", v3);

        assertEquals(List.of(
                "ledger deploying shop v3",
                "env-write shop v3 [A, PORT]",
                "pull shop:1",
                "start pvdify-shop.web.1.v3.p20002",
                "health web.1 v3 :20002",
                "route shop shop.example.com -> 20002",
                "ledger current shop v3 sha256:shop1",
                "sleep 2000ms",
                "env-delete shop v2",
                "remove pvdify-shop.web.1.v2.p20001",
                "status shop running"), rig.log.take());
        assertEquals(Map.of(1, Release.Status.SUPERSEDED, 2, Release.Status.SUPERSEDED, 3, Release.Status.CURRENT),
                rig.ledger.statuses("shop"));
    }

    @Test
    void deleteRemovesRouteDynosAndEnvFiles() {
        deployed("web:1,worker:1", "shop:1");

        rig.engine.remove("shop");

        assertEquals(List.of(
                "unroute shop",
                "sleep 2000ms",
                "env-purge shop",
                "remove pvdify-shop.web.1.v1.p20000",
                "remove pvdify-shop.worker.1.v1"), rig.log.take());
        assertEquals(List.of(), rig.supervisor.listAll());
        assertEquals(Map.of(), rig.traffic.routes);
    }

    @Test
    void stopTakesAWebDynoOutDrainsAndStartsAFreshOne() {
        deployed("web:1", "shop:1");

        rig.engine.stop("shop", "web.1", false);

        List<String> calls = rig.log.take();
        assertEquals(List.of("eject shop 127.0.0.1:20000", "sleep 2000ms", "remove pvdify-shop.web.1.v1.p20000"),
                calls.subList(0, 3));
        assertTrue(calls.stream().anyMatch(c -> c.startsWith("start pvdify-shop.web.1.v1.p2000")), calls::toString);
        assertTrue(calls.stream().anyMatch(c -> c.startsWith("route shop")), calls::toString);
    }

    @Test
    void forceStopKillsAtOnceAndUnknownDynosAreRefused() {
        deployed("web:1,worker:1", "shop:1");

        rig.engine.stop("shop", "worker", true);

        List<String> calls = rig.log.take();
        assertEquals("kill pvdify-shop.worker.1.v1", calls.get(0), calls::toString);
        assertTrue(calls.contains("start pvdify-shop.worker.1.v1"), calls::toString);
        assertThrows(PlanException.class, () -> rig.engine.stop("shop", "web.2", true));
    }

    @Test
    void forceDeleteKillsEveryDynoWithoutADrain() {
        deployed("web:1,worker:1", "shop:1");

        rig.engine.remove("shop", true);

        assertEquals(List.of(
                "unroute shop",
                "env-purge shop",
                "kill pvdify-shop.web.1.v1.p20000",
                "kill pvdify-shop.worker.1.v1"), rig.log.take().stream().filter(l -> !l.startsWith("status")).toList());
    }

    @Test
    void dynosAndLogsComeFromTheSupervisorAndTheLogSeam() {
        deployed("web:1,worker:1", "shop:1");
        rig.logLines.add("2026-01-15T10:30:00.000000+00:00 app[web.1]: hi");

        List<Dyno> dynos = rig.engine.dynos("shop");
        StringBuilder out = new StringBuilder();
        rig.engine.logs("shop", 10, null, false, out::append);

        assertEquals(List.of("web.1", "worker.1"), dynos.stream().map(Dyno::name).toList());
        assertEquals(20000, dynos.getFirst().port());
        assertEquals("2026-01-15T10:30:00.000000+00:00 app[web.1]: hi", out.toString());
    }

    @Test
    void runningDynosShowTheirSampledUsageOthersNone() {
        deployed("web:1,worker:1", "shop:1");
        String web = "c-pvdify-shop.web.1.v1.p20000";
        String worker = "c-pvdify-shop.worker.1.v1";
        rig.usage.put(web, new DynoUsage.Usage(12.5, 64L << 20));
        rig.supervisor.setState("pvdify-shop.worker.1.v1", Dyno.State.CRASHED);

        List<Dyno> dynos = rig.engine.dynos("shop");

        assertEquals(List.of(List.of(web)), rig.usageAsked, "only running dynos are sampled, not " + worker);
        assertEquals(12.5, dynos.get(0).cpuPercent());
        assertEquals(64L << 20, dynos.get(0).memoryBytes());
        assertEquals(null, dynos.get(1).cpuPercent());
        assertEquals(null, dynos.get(1).memoryBytes());
    }
}
