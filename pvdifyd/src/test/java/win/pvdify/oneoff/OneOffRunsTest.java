package win.pvdify.oneoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import win.pvdify.RecordingRuntime;
import win.pvdify.TestDaemon;
import win.pvdify.api.CreateApp;
import win.pvdify.api.DeployRequest;
import win.pvdify.api.Run;
import win.pvdify.api.RunRequest;
import win.pvdify.container.DynoLabels;

/**
 * The reaper and recovery of one-off runs on the real daemon and store, with a scripted runtime and a clock the
 * test moves: deadlines (also found by label), detached runs that end, leftovers, a restart of pvdifyd.
 */
class OneOffRunsTest {
    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final ScriptedOneOffs runtime = new ScriptedOneOffs();
    private TestDaemon t;

    private TestDaemon daemon(Path dir) {
        return new TestDaemon(dir, b -> b.clock(clock).runtime(p -> new RecordingRuntime(p.ledger()))
                .oneOffs(p -> runtime));
    }

    @AfterEach
    void stop() throws Exception {
        if (t != null) {
            t.close();
            win.pvdify.http.RunEnvFiles.removeOf(t, "shop");
        }
    }

    private void deployed() {
        t = daemon(TestDaemon.newDataDir());
        t.admin().createApp(new CreateApp("shop", null));
        t.admin().deploy("shop", new DeployRequest("example.com/shop:1", null));
    }

    @Test
    void aRunIsStoppedAtItsDeadline() {
        deployed();
        t.admin().run("shop", new RunRequest(List.of("sleep", "999"), false, false, null, null, 60));
        t.daemon.oneOffs().reapOnce();
        assertEquals("running", t.admin().runInfo("shop", 1).state(), "before its deadline");
        clock.plus(Duration.ofSeconds(61));
        t.daemon.oneOffs().reapOnce();
        Run r = t.admin().runInfo("shop", 1);
        assertEquals("stopped", r.state());
        assertTrue(r.error().contains("deadline"), r.error());
        assertTrue(runtime.calls.contains("stop pvdify-shop.run.1.v1"), runtime.calls.toString());
    }

    @Test
    void aDetachedRunThatEndsIsRecordedAndItsContainerKeptAnHourForTheLogs() {
        deployed();
        t.admin().run("shop", new RunRequest(List.of("./migrate"), false, false, null, null, null));
        runtime.exit("pvdify-shop.run.1.v1", 0);
        t.daemon.oneOffs().reapOnce();
        Run r = t.admin().runInfo("shop", 1);
        assertEquals("succeeded", r.state());
        assertEquals(0, r.exitCode());
        assertTrue(runtime.containers.containsKey("pvdify-shop.run.1.v1"), "kept for pvdify logs");
        clock.plus(Duration.ofMinutes(61));
        t.daemon.oneOffs().reapOnce();
        assertFalse(runtime.containers.containsKey("pvdify-shop.run.1.v1"), "removed an hour after it ended");
    }

    @Test
    void anAttachedRunWhoseClientNeverComesIsRemoved() {
        deployed();
        t.admin().run("shop", new RunRequest(List.of("sh"), true, true, null, null, null));
        clock.plus(Duration.ofMinutes(3));
        t.daemon.oneOffs().reapOnce();
        Run r = t.admin().runInfo("shop", 1);
        assertEquals("failed", r.state());
        assertTrue(r.error().contains("no client attached"), r.error());
        assertFalse(runtime.containers.containsKey("pvdify-shop.run.1.v1"));
    }

    @Test
    void containersFoundByLabelAreStoppedAtTheirDeadlineOrRemovedWhenTheirRunIsUnknown() {
        deployed();
        // as left by an earlier pvdifyd whose database no longer knows them (a deleted app, a restored backup)
        Map<String, String> expired = new TreeMap<>(Map.of(DynoLabels.APP, "gone", DynoLabels.TYPE, "run",
                DynoLabels.DYNO, "run.9", DynoLabels.RELEASE, "1", DynoLabels.ONE_OFF, DynoLabels.DETACHED,
                DynoLabels.DEADLINE, Long.toString(clock.instant().minusSeconds(5).getEpochSecond())));
        runtime.containers.put("pvdify-gone.run.9.v1", expired);
        t.daemon.oneOffs().reapOnce();
        assertFalse(runtime.containers.containsKey("pvdify-gone.run.9.v1"));
        assertTrue(runtime.calls.contains("remove pvdify-gone.run.9.v1"), runtime.calls.toString());
    }

    @Test
    void aRestartOfPvdifydStopsAttachedRunsAndKeepsDetachedOnesUntilTheirDeadline() {
        deployed();
        Path dir = t.dataDir;
        t.admin().run("shop", new RunRequest(List.of("sh"), true, true, null, null, null));
        t.admin().run("shop", new RunRequest(List.of("./worker"), false, false, null, null, 600));
        t.close();
        t = daemon(dir);
        assertEquals("stopped", t.admin().runInfo("shop", 1).state(), "its client is gone");
        assertEquals("running", t.admin().runInfo("shop", 2).state(), "detached runs go on");
        clock.plus(Duration.ofMinutes(11));
        t.daemon.oneOffs().reapOnce();
        assertEquals("stopped", t.admin().runInfo("shop", 2).state(), "the deadline holds across the restart");
    }

    /** A clock the test moves forward. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void plus(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
