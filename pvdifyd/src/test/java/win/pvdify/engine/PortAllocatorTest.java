package win.pvdify.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import win.pvdify.api.Dyno;
import win.pvdify.dyno.DynoState;

class PortAllocatorTest {
    final List<DynoState> observed = new ArrayList<>();

    private static DynoState web(int port) {
        return new DynoState("shop", 1, "web", 1, "u" + port, Dyno.State.UP, port, Instant.EPOCH, 0, "c");
    }

    @Test
    void skipsPortsOfObservedDynosAndReservations() {
        observed.add(web(20001));
        PortAllocator ports = new PortAllocator(20000, 20009, () -> observed, port -> true);

        try (PortAllocator.Reservation first = ports.reserve(2)) {
            assertEquals(List.of(20000, 20002), first.ports());
            assertEquals(List.of(20003), ports.reserve(1).ports());
        }
    }

    @Test
    void aFreedPortComesBackOnlyAfterTheOthers() {
        PortAllocator ports = new PortAllocator(20000, 20002, () -> observed, port -> true);
        ports.reserve(1).close();

        assertEquals(List.of(20001, 20002, 20000), ports.reserve(3).ports());
    }

    @Test
    void exhaustedRangeIsAClearError() {
        observed.add(web(20000));
        PortAllocator ports = new PortAllocator(20000, 20001, () -> observed, port -> true);

        IllegalStateException error = assertThrows(IllegalStateException.class, () -> ports.reserve(2));

        assertEquals("no free port left in 20000-20001 (needed 2, found 1)", error.getMessage());
        assertEquals(List.of(20001), ports.reserve(1).ports()); // a failed reservation holds nothing
    }

    @Test
    void noPortsNeededAsksNothing() {
        PortAllocator ports = new PortAllocator(20000, 20001, () -> {
            throw new AssertionError("not asked");
        }, port -> true);

        assertEquals(List.of(), ports.reserve(0).ports());
    }

    /** The real bind check: a port something listens on (not a dyno) is never handed out. */
    @Test
    void portWithAListenerIsSkipped() throws IOException {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int taken = busy.getLocalPort();
            assertFalse(PortAllocator.bindsOnLoopback(taken));
            int last = Math.min(65535, taken + 20);
            PortAllocator ports = new PortAllocator(taken, last, () -> observed);

            List<Integer> got = ports.reserve(1).ports();

            assertTrue(got.getFirst() > taken && got.getFirst() <= last, got.toString());
        }
    }

    @Test
    void badRangeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new PortAllocator(20010, 20000, () -> observed));
    }
}
