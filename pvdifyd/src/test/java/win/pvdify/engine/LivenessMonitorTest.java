package win.pvdify.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import win.pvdify.api.Healthcheck;
import win.pvdify.dyno.DynoState;
import win.pvdify.routing.TrafficSwitch;
import win.pvdify.routing.Upstream;

/**
 * The monitor against the engine's recording fakes and a clock the test moves: N failed probes take the dyno out
 * (one eject) and restart it, a passing probe puts it back, a busy app is skipped.
 */
class LivenessMonitorTest {
    private final Rig rig = new Rig();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T12:00:00Z"));
    private final Set<Integer> failingPorts = new HashSet<>();
    private boolean busy;

    private final HealthProbe probe = new HealthProbe() {
        @Override
        public void await(win.pvdify.dyno.DynoSpec dyno, Healthcheck healthcheck) {
        }

        @Override
        public Probe probeOnce(int hostPort, Healthcheck effective) {
            return failingPorts.contains(hostPort) ? new Probe(false, "no answer within 5 s")
                    : new Probe(true, "HTTP 200");
        }
    };

    private final TrafficSwitch traffic = new TrafficSwitch() {
        @Override
        public void route(String app, List<String> hosts, List<Upstream> upstreams) {
        }

        @Override
        public void remove(String app) {
        }

        @Override
        public void eject(String app, Upstream upstream) {
            rig.log.record("eject " + app + " " + upstream.dial());
        }

        @Override
        public void readmit(String app, Upstream upstream) {
            rig.log.record("readmit " + app + " " + upstream.dial());
        }
    };

    private final LivenessMonitor monitor = new LivenessMonitor(rig.ledger, rig.supervisor, probe, traffic,
            (app, work) -> {
                if (busy) {
                    return false;
                }
                return rig.engine.tryTurn(app, work);
            }, AutoRollbacks.NONE, new LivenessTracker.Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5),
            Duration.ofMinutes(5)), 5, clock);

    private int web1Port() {
        return rig.supervisor.list("shop").stream().filter(d -> d.dynoName().equals("web.1")).findFirst()
                .map(DynoState::hostPort).orElseThrow();
    }

    /** One pass after the default liveness interval (10 s). */
    private void tick() {
        clock.advance(Duration.ofSeconds(10));
        monitor.runOnce();
    }

    @Test
    void aFailingDynoIsTakenOutRestartedAndPutBackWhileTheOtherKeepsServing() {
        rig.ledger.createApp("shop", "web:2");
        rig.deploy("shop", rig.ledger.newRelease("shop", "shop:1", Map.of()));
        rig.log.take();
        tick(); // first sight: healthy
        assertEquals("healthy", monitor.of(rig.supervisor.list("shop").getFirst()));
        int port = web1Port();
        failingPorts.add(port);
        tick();
        tick();
        assertEquals(List.of(), rig.log.take(), "2 failures of 3: still routed");
        assertEquals("failing", health(port));
        tick();
        List<String> calls = rig.log.take();
        assertEquals(List.of("eject shop 127.0.0.1:" + port, "restart " + unit(port)), calls);
        assertEquals("out", health(port));
        failingPorts.remove(port);
        tick();
        assertEquals(List.of("readmit shop 127.0.0.1:" + port), rig.log.take());
        assertEquals("healthy", health(port));
        List<String> events = rig.ledger.events.stream().filter(e -> e.contains("pvdify[liveness]")).toList();
        assertEquals(3, events.size(), events::toString);
        assertTrue(events.get(0).contains("web.1") && events.get(0).contains("taken out of the route"), events::toString);
        assertTrue(events.get(1).contains("Restarting web.1"), events::toString);
        assertTrue(events.get(2).contains("back in the route"), events::toString);
    }

    @Test
    void whileTheAppIsBusyProbesDoNotCount() {
        rig.ledger.createApp("shop", "web:1");
        rig.deploy("shop", rig.ledger.newRelease("shop", "shop:1", Map.of()));
        rig.log.take();
        tick();
        failingPorts.add(web1Port());
        busy = true;
        for (int i = 0; i < 5; i++) {
            tick();
        }
        assertEquals(List.of(), rig.log.take());
        busy = false;
        tick();
        tick();
        tick();
        assertEquals(2, rig.log.take().size(), "eject and restart once the app is free");
    }

    @Test
    void dynosThatAreNotWebOrNotCurrentAreNotProbed() {
        rig.ledger.createApp("shop", "web:0,worker:1");
        rig.deploy("shop", rig.ledger.newRelease("shop", "shop:1", Map.of()));
        tick();
        assertNull(monitor.of(rig.supervisor.list("shop").getFirst()));
    }

    private String health(int port) {
        return monitor.of(rig.supervisor.list("shop").stream().filter(d -> d.hostPort() != null && d.hostPort() == port)
                .findFirst().orElseThrow());
    }

    private String unit(int port) {
        return rig.supervisor.list("shop").stream().filter(d -> d.hostPort() != null && d.hostPort() == port)
                .findFirst().orElseThrow().unit();
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
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
