package win.pvdify.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import win.pvdify.dyno.DynoState;

/**
 * Hands out host ports for new web dynos from a configured range. Taken = ports of observed dynos (any app)
 * plus reservations in flight; no table: a port is free again once its dyno is gone. Every candidate is also
 * bound once on 127.0.0.1 to prove nothing else listens there. Round-robin, so a port just freed is the last
 * to be handed out again.
 */
public final class PortAllocator {
    private final int first;
    private final int last;
    private final Supplier<List<DynoState>> observed;
    private final IntPredicate bindable;
    private final Set<Integer> reserved = new HashSet<>();
    private int cursor;

    public PortAllocator(int first, int last, Supplier<List<DynoState>> observed) {
        this(first, last, observed, PortAllocator::bindsOnLoopback);
    }

    PortAllocator(int first, int last, Supplier<List<DynoState>> observed, IntPredicate bindable) {
        if (first < 1 || last > 65535 || first > last) {
            throw new IllegalArgumentException("port range must be within 1..65535, got " + first + "-" + last);
        }
        this.first = first;
        this.last = last;
        this.observed = observed;
        this.bindable = bindable;
        this.cursor = first;
    }

    /** Reserves count free ports until the reservation is closed (by then the dynos own them). */
    public synchronized Reservation reserve(int count) {
        if (count <= 0) {
            return new Reservation(List.of());
        }
        Set<Integer> taken = new HashSet<>(reserved);
        observed.get().forEach(dyno -> {
            if (dyno.hostPort() != null) {
                taken.add(dyno.hostPort());
            }
        });
        List<Integer> ports = new ArrayList<>();
        int size = last - first + 1;
        for (int tried = 0; tried < size && ports.size() < count; tried++) {
            int port = cursor;
            cursor = cursor == last ? first : cursor + 1;
            if (!taken.contains(port) && bindable.test(port)) {
                ports.add(port);
            }
        }
        if (ports.size() < count) {
            throw new IllegalStateException("no free port left in " + first + "-" + last + " (needed " + count
                    + ", found " + ports.size() + ")");
        }
        reserved.addAll(ports);
        return new Reservation(ports);
    }

    private synchronized void release(List<Integer> ports) {
        ports.forEach(reserved::remove);
    }

    /**
     * True when a listening socket can be bound to 127.0.0.1:port right now AND a connection to it is refused.
     * The second check matters: a container's port forwarding is a NAT rule, not a socket, so the bind succeeds
     * while connections still go to that container (or, for a rule left by a container that died unclean,
     * nowhere) — handing out such a port makes the new dyno look unhealthy.
     */
    static boolean bindsOnLoopback(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
        } catch (IOException e) {
            return false;
        }
        try (java.net.Socket probe = new java.net.Socket()) {
            probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 300);
            return false; // something answers there without a socket of ours: a forwarding rule
        } catch (java.net.ConnectException refused) {
            return true;
        } catch (IOException timeoutOrNoRoute) {
            return false;
        }
    }

    public final class Reservation implements AutoCloseable {
        private final List<Integer> ports;

        private Reservation(List<Integer> ports) {
            this.ports = List.copyOf(ports);
        }

        public List<Integer> ports() {
            return ports;
        }

        @Override
        public void close() {
            release(ports);
        }
    }
}
