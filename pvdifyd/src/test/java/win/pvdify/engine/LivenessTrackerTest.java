package win.pvdify.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import win.pvdify.api.Dyno;
import win.pvdify.engine.LivenessTracker.Action;

class LivenessTrackerTest {
    private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");
    private final LivenessTracker t = new LivenessTracker(new LivenessTracker.Backoff(Duration.ofSeconds(10),
            Duration.ofSeconds(40), Duration.ofSeconds(60)));

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void thresholdFailuresInARowTakeTheDynoOutAndRestartIt() {
        assertEquals(Action.NONE, t.probed(true, "HTTP 200", at(0), 3));
        assertEquals(Action.NONE, t.probed(false, "timeout", at(1), 3));
        assertEquals(Dyno.Health.FAILING, t.health());
        assertEquals(Action.NONE, t.probed(false, "timeout", at(2), 3));
        assertEquals(Action.TAKE_OUT_AND_RESTART, t.probed(false, "timeout", at(3), 3));
        assertEquals(Dyno.Health.OUT, t.health());
        assertEquals(1, t.restarts());
    }

    @Test
    void aPassingProbeInBetweenStartsTheCountOver() {
        t.probed(false, "x", at(1), 3);
        t.probed(false, "x", at(2), 3);
        t.probed(true, "ok", at(3), 3);
        assertEquals(Dyno.Health.HEALTHY, t.health());
        assertEquals(Action.NONE, t.probed(false, "x", at(4), 3));
        assertEquals(Action.NONE, t.probed(false, "x", at(5), 3));
        assertEquals(Action.TAKE_OUT_AND_RESTART, t.probed(false, "x", at(6), 3));
    }

    @Test
    void aDynoStillFailingIsRestartedAgainWithADoublingBackoffAndPutBackOnceItPasses() {
        t.probed(false, "x", at(0), 1); // out, restart 1, next no sooner than +10 s
        assertEquals(Action.NONE, t.probed(false, "x", at(5), 1));
        assertEquals(Action.RESTART, t.probed(false, "x", at(10), 1)); // restart 2, then +20 s
        assertEquals(Action.NONE, t.probed(false, "x", at(29), 1));
        assertEquals(Action.RESTART, t.probed(false, "x", at(30), 1)); // restart 3, then +40 s
        assertEquals(at(70), t.nextRestartAt());
        assertEquals(Action.RESTART, t.probed(false, "x", at(70), 1)); // restart 4: capped at 40 s
        assertEquals(at(110), t.nextRestartAt());
        assertEquals(Action.PUT_BACK, t.probed(true, "ok", at(75), 1));
        assertEquals(Dyno.Health.HEALTHY, t.health());
    }

    @Test
    void aFlappingDynoIsTakenOutAtOnceButRestartedOnlyAfterItsBackoff() {
        t.probed(false, "x", at(0), 1); // restart 1 at 0, next no sooner than 10
        assertEquals(Action.PUT_BACK, t.probed(true, "ok", at(2), 1));
        assertEquals(Action.TAKE_OUT, t.probed(false, "x", at(4), 1));
        assertEquals(Action.RESTART, t.probed(false, "x", at(10), 1));
        assertEquals(2, t.restarts());
    }

    @Test
    void theBackoffStartsOverAfterStayingHealthyLongEnough() {
        t.probed(false, "x", at(0), 1);
        t.probed(true, "ok", at(1), 1);
        t.probed(true, "ok", at(30), 1);
        assertEquals(1, t.restarts());
        t.probed(true, "ok", at(61), 1);
        assertEquals(0, t.restarts());
        assertEquals(Action.TAKE_OUT_AND_RESTART, t.probed(false, "x", at(62), 1));
    }
}
