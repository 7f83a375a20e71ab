package win.pvdify.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import win.pvdify.api.Dyno;
import win.pvdify.dyno.DynoState;

/**
 * Pure decision of automatic rollback: within its settling window after becoming current, a release whose dyno
 * crash-loops (restarted CRASH_LOOP_RESTARTS times, or given up by its supervisor) or was taken out by liveness is
 * bad. Releases that are themselves rollbacks are never judged (no ping-pong), nor releases already failed.
 */
public final class SettlingWatch {
    /** Restarts of one dyno within the window that make a crash loop. */
    public static final int CRASH_LOOP_RESTARTS = 2;

    private SettlingWatch() {
    }

    /** Why the release must be rolled back, naming the dyno; null when it may stay. */
    public record Verdict(String reason, DynoState dyno) {
    }

    /**
     * current: the app's current release; window: its settling window; observed: the app's dynos; takenOut: units
     * of dynos liveness has taken out (with their last failure), as "unit" entries; returns null to keep it.
     */
    public static Verdict judge(ReleaseLedger.CurrentRelease current, Duration window, Instant now,
                                List<DynoState> observed, java.util.Map<String, String> takenOut) {
        if (current == null || current.rollback() || current.since() == null
                || !win.pvdify.api.Release.Status.CURRENT.is(current.status())
                || now.isAfter(current.since().plus(window))) {
            return null;
        }
        for (DynoState d : observed) {
            if (d.release() != current.version()) {
                continue;
            }
            if (d.state() == Dyno.State.CRASHED) {
                return new Verdict(d.dynoName() + " of v" + current.version() + " crashed and was given up", d);
            }
            if (d.restarts() >= CRASH_LOOP_RESTARTS) {
                return new Verdict(d.dynoName() + " of v" + current.version() + " is crash-looping (restarted "
                        + d.restarts() + " times)", d);
            }
            String failure = takenOut.get(d.unit());
            if (failure != null) {
                return new Verdict(d.dynoName() + " of v" + current.version() + " failed its liveness probes ("
                        + failure + ")", d);
            }
        }
        return null;
    }

    static boolean same(DynoState a, DynoState b) {
        return Objects.equals(a.unit(), b.unit());
    }
}
