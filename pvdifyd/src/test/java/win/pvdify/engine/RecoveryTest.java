package win.pvdify.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import win.pvdify.api.Dyno;
import win.pvdify.api.FormationEntry;
import win.pvdify.api.Release;
import win.pvdify.dyno.DynoState;
import win.pvdify.routing.Upstream;

/** Recovery at pvdifyd start, and a simulated kill -9 after every single effect of every operation. */
class RecoveryTest {

    @Test
    void recoveryFailsStuckReleasesRemovesOrphansAndStartsMissingDynos() {
        Rig rig = new Rig();
        rig.ledger.createApp("shop", "web:1");
        rig.deploy("shop", rig.ledger.newRelease("shop", "shop:1", Map.of("A", "1")));
        rig.ledger.scale("shop", "web:1,worker:1");
        int v2 = rig.ledger.newRelease("shop", "shop:2", Map.of());
        rig.ledger.markDeploying("shop", v2);
        rig.supervisor.adopt(new DynoState("shop", 2, "web", 1, "pvdify-shop-web-1-v2-p20001", Dyno.State.UP, 20001,
                Instant.EPOCH, 0, "c2"));
        rig.supervisor.adopt(new DynoState("ghost", 1, "web", 1, "pvdify-ghost-web-1-v1-p20050", Dyno.State.UP, 20050,
                Instant.EPOCH, 0, "c3"));
        rig.log.take();

        Recovery.Report report = rig.recovery.run();

        assertEquals(List.of(
                "env-delete shop v2",
                "ledger failed shop v2: pvdifyd restarted during the deploy",
                "unroute ghost",
                "env-purge ghost",
                "kill pvdify-ghost-web-1-v1-p20050",
                "env-write shop v1 [A, PORT]",
                "start pvdify-shop.worker.1.v1",
                "route shop shop.example.com -> 20000",
                "sleep 2000ms",
                "env-delete shop v2",
                "remove pvdify-shop-web-1-v2-p20001",
                "status shop running"), rig.log.take());
        assertEquals(new Recovery.Report(List.of("shop v2"), List.of("ghost"), List.of()), report);
        assertEquals(Release.Status.FAILED, rig.ledger.release("shop", 2).status());
    }

    @Test
    void recoveryOfAnAppWhoseFirstDeployDiedMarksItFailed() {
        Rig rig = new Rig();
        rig.ledger.createApp("shop", "web:1");
        int v1 = rig.ledger.newRelease("shop", "shop:1", Map.of());
        rig.ledger.markDeploying("shop", v1);
        rig.log.take();

        rig.recovery.run();

        assertEquals(List.of(
                "env-delete shop v1",
                "ledger failed shop v1: pvdifyd restarted during the deploy",
                "route shop shop.example.com -> ",
                "status shop failed"), rig.log.take());
    }

    /** One operation of pvdifyd, run on a rig that the setup prepared. */
    record Scenario(String name, Consumer<Rig> setup, Consumer<Rig> operation, Set<Integer> allowedCurrent) {
    }

    static List<Scenario> scenarios() {
        Consumer<Rig> v1Running = rig -> {
            rig.ledger.createApp("shop", "web:2,worker:1");
            rig.deploy("shop", rig.ledger.newRelease("shop", "shop:1", Map.of("A", "1")));
        };
        List<Scenario> all = new ArrayList<>();
        all.add(new Scenario("first deploy", rig -> rig.ledger.createApp("shop", "web:2,worker:1"),
                rig -> rig.deploy("shop", rig.ledger.newRelease("shop", "shop:1", Map.of())), setOf(null, 1)));
        all.add(new Scenario("deploy v2", v1Running,
                rig -> rig.deploy("shop", rig.ledger.newRelease("shop", "shop:2", Map.of())), setOf(1, 2)));
        all.add(new Scenario("failed deploy", v1Running.andThen(rig -> rig.health.unhealthyImages.add("bad:2")),
                rig -> rig.deploy("shop", rig.ledger.newRelease("shop", "bad:2", Map.of())), setOf(1)));
        all.add(new Scenario("rollback", v1Running.andThen(
                rig -> rig.deploy("shop", rig.ledger.newRelease("shop", "shop:2", Map.of()))),
                rig -> rig.deploy("shop", rig.ledger.rollbackTo("shop", 1)), setOf(2, 3)));
        all.add(new Scenario("scale up", v1Running, rig -> {
            rig.ledger.scale("shop", "web:3,worker:2");
            rig.engine.applyFormation("shop");
        }, setOf(1)));
        all.add(new Scenario("scale down", v1Running, rig -> {
            rig.ledger.scale("shop", "web:1");
            rig.engine.applyFormation("shop");
        }, setOf(1)));
        all.add(new Scenario("rolling restart", v1Running, rig -> rig.engine.restart("shop", null), setOf(1)));
        all.add(new Scenario("delete", v1Running, rig -> {
            rig.ledger.deleteApp("shop"); // the store hides a deleting app from appNames()
            rig.engine.remove("shop");
        }, Set.of()));
        return all;
    }

    @TestFactory
    Stream<DynamicTest> killedAfterEveryEffectRecoveryLeavesAConsistentState() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Scenario scenario : scenarios()) {
            int effects = effectsOf(scenario);
            for (int k = 1; k <= effects; k++) {
                int crashAfter = k;
                tests.add(DynamicTest.dynamicTest(scenario.name() + ", killed after effect " + k + "/" + effects,
                        () -> crashThenRecover(scenario, crashAfter)));
            }
        }
        return tests.stream();
    }

    private static int effectsOf(Scenario scenario) {
        Rig rig = new Rig();
        scenario.setup().accept(rig);
        rig.log.take();
        scenario.operation().accept(rig);
        return rig.log.take().size();
    }

    private static void crashThenRecover(Scenario scenario, int crashAfter) {
        Rig rig = new Rig();
        scenario.setup().accept(rig);
        rig.log.take();
        rig.log.crashAfter(crashAfter);
        assertThrows(CallLog.SimulatedCrash.class, () -> scenario.operation().accept(rig));
        String story = String.join("\n", rig.log.take());

        Recovery.Report report = rig.recovery.run();

        assertEquals(List.of(), report.failures(), story);
        assertConsistent(rig, scenario, story + "\n-- recovery:\n" + String.join("\n", rig.log.take()));
        // a second start finds nothing to start or remove
        rig.recovery.run();
        List<String> again = rig.log.take();
        assertTrue(again.stream().noneMatch(call -> call.startsWith("start") || call.startsWith("remove")),
                String.join("\n", again));
    }

    private static void assertConsistent(Rig rig, Scenario scenario, String story) {
        assertEquals(List.of(), rig.ledger.stuckReleases(), story);
        for (String app : List.of("shop")) {
            List<DynoState> dynos = rig.supervisor.list(app);
            if (!rig.ledger.appNames().contains(app)) {
                assertEquals(List.of(), dynos, story);
                assertEquals(null, rig.traffic.routes.get(app), story);
                assertEquals(Set.of(), rig.envFiles.of(app), story);
                continue;
            }
            Integer current = rig.ledger.current(app);
            assertTrue(scenario.allowedCurrent().contains(current), "current v" + current + "\n" + story);
            Map<String, Integer> wanted = new TreeMap<>();
            if (current != null) {
                for (FormationEntry entry : rig.ledger.formation(app)) {
                    if (entry.count() > 0) {
                        wanted.put(entry.type(), entry.count());
                    }
                }
            }
            Map<String, Integer> running = new TreeMap<>();
            for (DynoState dyno : dynos) {
                assertEquals(current, dyno.release(), "orphan " + dyno.unit() + "\n" + story);
                running.merge(dyno.type(), 1, Integer::sum);
            }
            assertEquals(wanted, running, story);
            List<Upstream> web = dynos.stream().filter(d -> d.type().equals("web"))
                    .map(d -> new Upstream("127.0.0.1", d.hostPort()))
                    .sorted((a, b) -> Integer.compare(a.port(), b.port())).toList();
            assertEquals(web, rig.traffic.routes.get(app), story);
            assertEquals(current == null ? Set.of() : Set.of(current), rig.envFiles.of(app), story);
        }
    }

    private static Set<Integer> setOf(Integer... values) {
        return new java.util.HashSet<>(java.util.Arrays.asList(values));
    }
}
