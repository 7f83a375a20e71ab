package win.pvdify.engine;

import java.time.Duration;
import java.time.Instant;
import win.pvdify.api.Dyno;

/**
 * Pure state machine of one web dyno's liveness: fed each probe's outcome and the time, it says what to do.
 * threshold failed probes in a row take the dyno out of the route and restart it; while out, a passing probe puts it
 * back, and a dyno still failing is restarted again after an exponential back-off (base, doubling, at most max).
 * The restart count (and so the back-off) starts over once the dyno has stayed healthy for resetAfter.
 */
public final class LivenessTracker {

    /** What the monitor does after a probe. */
    public enum Action {
        NONE,
        /** Take the dyno out of the route and restart it now. */
        TAKE_OUT_AND_RESTART,
        /** Take it out; its back-off says the restart comes later. */
        TAKE_OUT,
        /** Still failing while out, its back-off passed: restart again. */
        RESTART,
        /** A probe passed while out: back into the route. */
        PUT_BACK
    }

    /** Back-off between restarts of one dyno. */
    public record Backoff(Duration base, Duration max, Duration resetAfter) {
        public static Backoff defaults() {
            return new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(5));
        }

        /** The wait after the n-th restart (n >= 1): base, 2 base, 4 base... at most max. */
        public Duration after(int n) {
            Duration d = base;
            for (int i = 1; i < n && d.compareTo(max) < 0; i++) {
                d = d.multipliedBy(2);
            }
            return d.compareTo(max) > 0 ? max : d;
        }
    }

    private final Backoff backoff;
    private Dyno.Health health = Dyno.Health.HEALTHY;
    private int failures;
    private int restarts;
    private Instant nextRestartAt;
    private Instant healthySince;
    private String lastFailure;

    public LivenessTracker(Backoff backoff) {
        this.backoff = backoff;
    }

    /** Feeds one probe; threshold = failed probes in a row that take the dyno out. */
    public Action probed(boolean healthy, String detail, Instant now, int threshold) {
        if (healthy) {
            failures = 0;
            if (health == Dyno.Health.OUT) {
                health = Dyno.Health.HEALTHY;
                healthySince = now;
                return Action.PUT_BACK;
            }
            health = Dyno.Health.HEALTHY;
            if (healthySince == null) {
                healthySince = now;
            }
            if (restarts > 0 && !now.isBefore(healthySince.plus(backoff.resetAfter()))) {
                restarts = 0;
                nextRestartAt = null;
            }
            return Action.NONE;
        }
        lastFailure = detail;
        failures++;
        healthySince = null;
        if (health == Dyno.Health.OUT) {
            if (nextRestartAt == null || !now.isBefore(nextRestartAt)) {
                restarted(now);
                return Action.RESTART;
            }
            return Action.NONE;
        }
        if (failures < threshold) {
            health = Dyno.Health.FAILING;
            return Action.NONE;
        }
        health = Dyno.Health.OUT;
        if (nextRestartAt == null || !now.isBefore(nextRestartAt)) {
            restarted(now);
            return Action.TAKE_OUT_AND_RESTART;
        }
        return Action.TAKE_OUT;
    }

    private void restarted(Instant now) {
        restarts++;
        nextRestartAt = now.plus(backoff.after(restarts));
    }

    public Dyno.Health health() {
        return health;
    }

    /** Failed probes in a row. */
    public int failures() {
        return failures;
    }

    /** Restarts since the dyno was last healthy for resetAfter. */
    public int restarts() {
        return restarts;
    }

    /** When the next restart may come (null = none pending). */
    public Instant nextRestartAt() {
        return nextRestartAt;
    }

    public String lastFailure() {
        return lastFailure;
    }
}
