package win.pvdify.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static win.pvdify.api.Dyno.State.CRASHED;
import static win.pvdify.api.Dyno.State.STARTING;
import static win.pvdify.api.Dyno.State.UP;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import win.pvdify.api.App;
import win.pvdify.api.Dyno;
import win.pvdify.api.FormationEntry;
import win.pvdify.dyno.DynoState;

/** CommandWords and AppStatus: pure functions. */
class SmallFunctionsTest {

    @Test
    void commandWordsQuoteButNeverExpand() {
        assertEquals(List.of("sh", "-c", "echo $HOME; rm -rf /"), CommandWords.split("sh -c 'echo $HOME; rm -rf /'"));
        assertEquals(List.of("a b", "c\"d", "e f"), CommandWords.split("\"a b\" c\\\"d e\\ f"));
        assertEquals(List.of("x", ""), CommandWords.split("  x  ''  "));
        assertNull(CommandWords.split("  "));
        assertThrows(PlanException.class, () -> CommandWords.split("echo 'oops"));
    }

    private static DesiredApp app(Integer release, int web) {
        return new DesiredApp("shop", release, release == null ? null : "shop:1", Map.of(),
                List.of(new FormationEntry("web", web, null)), 8080, null, null, false, List.of());
    }

    private static DynoState dyno(int release, int number, Dyno.State state) {
        return new DynoState("shop", release, "web", number, "u" + number, state, 20000 + number, Instant.EPOCH, 0,
                "c");
    }

    @Test
    void appStatusFollowsWhatRuns() {
        assertEquals(App.Status.RUNNING, AppStatus.of(app(2, 2), List.of(dyno(2, 1, UP), dyno(2, 2, STARTING)), false));
        assertEquals(App.Status.CRASHED, AppStatus.of(app(2, 2), List.of(dyno(2, 1, UP), dyno(2, 2, CRASHED)), false));
        assertEquals(App.Status.CRASHED, AppStatus.of(app(2, 2), List.of(dyno(2, 1, UP)), false));
        assertEquals(App.Status.STOPPED, AppStatus.of(app(2, 0), List.of(), false));
        assertEquals(App.Status.FAILED, AppStatus.of(app(null, 1), List.of(), true));
        assertEquals(App.Status.FAILED, AppStatus.of(app(2, 1), List.of(dyno(3, 1, UP)), true));
        assertEquals(App.Status.RUNNING, AppStatus.of(app(2, 1), List.of(dyno(2, 1, UP)), true));
        assertNull(AppStatus.of(app(null, 1), List.of(), false));
    }
}
