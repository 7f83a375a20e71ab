package win.pvdify.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import win.pvdify.api.Dyno;
import win.pvdify.dyno.DynoState;

class SettlingWatchTest {
    private static final Instant SINCE = Instant.parse("2026-12-07T12:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final ReleaseLedger.CurrentRelease V5 = new ReleaseLedger.CurrentRelease(5, SINCE, false, "current");

    private static DynoState dyno(int release, Dyno.State state, int restarts) {
        return new DynoState("app", release, "web", 1, "pvdify-app-v" + release + "-web-1.service", state, 20001,
                SINCE, restarts, null);
    }

    @Test
    void aDynoRestartedTwiceWithinTheWindowIsACrashLoop() {
        SettlingWatch.Verdict v = SettlingWatch.judge(V5, WINDOW, SINCE.plusSeconds(60),
                List.of(dyno(5, Dyno.State.UP, 2)), Map.of());
        assertTrue(v.reason().contains("crash-looping"), v.reason());
        assertEquals(5, v.dyno().release());
    }

    @Test
    void oneRestartIsNotYetALoop() {
        assertNull(SettlingWatch.judge(V5, WINDOW, SINCE.plusSeconds(60), List.of(dyno(5, Dyno.State.UP, 1)), Map.of()));
    }

    @Test
    void aGivenUpDynoOrOneTakenOutByLivenessIsBad() {
        assertTrue(SettlingWatch.judge(V5, WINDOW, SINCE.plusSeconds(1), List.of(dyno(5, Dyno.State.CRASHED, 0)),
                Map.of()).reason().contains("given up"));
        DynoState d = dyno(5, Dyno.State.UP, 0);
        assertTrue(SettlingWatch.judge(V5, WINDOW, SINCE.plusSeconds(1), List.of(d), Map.of(d.unit(), "timeout"))
                .reason().contains("liveness"));
    }

    @Test
    void afterTheWindowNothingRollsBack() {
        assertNull(SettlingWatch.judge(V5, WINDOW, SINCE.plus(WINDOW).plusSeconds(1),
                List.of(dyno(5, Dyno.State.CRASHED, 9)), Map.of()));
    }

    @Test
    void aRollbackReleaseOrOneAlreadyFailedIsNeverRolledBackAgain() {
        List<DynoState> bad = List.of(dyno(5, Dyno.State.CRASHED, 9));
        assertNull(SettlingWatch.judge(new ReleaseLedger.CurrentRelease(5, SINCE, true, "current"), WINDOW,
                SINCE.plusSeconds(1), bad, Map.of()));
        assertNull(SettlingWatch.judge(new ReleaseLedger.CurrentRelease(5, SINCE, false, "failed"), WINDOW,
                SINCE.plusSeconds(1), bad, Map.of()));
    }

    @Test
    void dynosOfOtherReleasesDoNotCount() {
        assertNull(SettlingWatch.judge(V5, WINDOW, SINCE.plusSeconds(1), List.of(dyno(4, Dyno.State.CRASHED, 9)),
                Map.of()));
    }
}
