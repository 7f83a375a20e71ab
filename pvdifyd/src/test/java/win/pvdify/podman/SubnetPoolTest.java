package win.pvdify.podman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SubnetPoolTest {

    @Test
    void handsOutTheFirstFreeSlash24() {
        SubnetPool pool = SubnetPool.parse("10.213.0.0/16");
        assertEquals(Optional.of("10.213.0.0/24"), pool.next(List.of()));
        assertEquals(Optional.of("10.213.1.0/24"), pool.next(List.of("10.88.0.0/16", "10.213.0.0/24", "fd00::/64")));
        // a wider network of someone else inside the pool is stepped over as a whole
        assertEquals(Optional.of("10.213.4.0/24"), pool.next(List.of("10.213.0.0/22")));
    }

    @Test
    void aFullPoolSaysSo() {
        SubnetPool pool = SubnetPool.parse("10.9.8.0/24");
        assertEquals(Optional.empty(), pool.next(List.of("10.0.0.0/8")));
        assertEquals(Optional.of("10.9.8.0/24"), pool.next(List.of("10.9.9.0/24")));
    }

    @Test
    void badPoolsAreRefused() {
        for (String bad : List.of("10.213.0.1/16", "10.213.0.0/25", "10.213.0.0", "300.1.1.0/24", "10.0.0.0/7",
                "fd00::/64")) {
            assertThrows(IllegalArgumentException.class, () -> SubnetPool.parse(bad), bad);
        }
    }
}
