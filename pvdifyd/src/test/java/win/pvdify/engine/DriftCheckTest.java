package win.pvdify.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import win.pvdify.api.Dyno;
import win.pvdify.api.FormationEntry;
import win.pvdify.dyno.DynoState;

class DriftCheckTest {
    private static final DesiredApp SHOP = new DesiredApp("shop", 3, "shop:3", Map.of(),
            List.of(new FormationEntry("web", 2, null), new FormationEntry("worker", 1, null),
                    new FormationEntry("clock", 0, null)),
            5000, null, null, false, List.of("shop.example.com"));

    private static DynoState dyno(String type, int n, int release) {
        return new DynoState("shop", release, type, n, "u-" + type + n + release, Dyno.State.UP, null, Instant.EPOCH,
                0, "c");
    }

    @Test
    void allDynosOfTheCurrentReleaseThereIsNoDrift() {
        assertFalse(DriftCheck.drifted(SHOP, List.of(dyno("web", 1, 3), dyno("web", 2, 3), dyno("worker", 1, 3))));
    }

    @Test
    void aVanishedDynoIsDrift() {
        assertTrue(DriftCheck.drifted(SHOP, List.of(dyno("web", 1, 3), dyno("worker", 1, 3))));
        assertTrue(DriftCheck.drifted(SHOP, List.of()));
    }

    @Test
    void dynosOfAnOldReleaseDoNotCountAndAStandInIsNotDrift() {
        assertTrue(DriftCheck.drifted(SHOP, List.of(dyno("web", 1, 2), dyno("web", 2, 2), dyno("worker", 1, 3))));
        assertFalse(DriftCheck.drifted(SHOP,
                List.of(dyno("web", 1, 3), dyno("web", 1, 3), dyno("web", 2, 3), dyno("worker", 1, 3))));
    }
}
