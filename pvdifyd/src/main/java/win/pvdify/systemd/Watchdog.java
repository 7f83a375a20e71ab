package win.pvdify.systemd;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Pings systemd's watchdog (WATCHDOG=1) at half of WATCHDOG_USEC while the health check passes, so a hung
 * pvdifyd is restarted by systemd. close() stops pinging.
 */
public final class Watchdog implements AutoCloseable {
    private final ScheduledExecutorService timer;

    private Watchdog(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** The ping interval asked for by systemd (half of WATCHDOG_USEC), empty when no watchdog is set. */
    public static Optional<Duration> interval(Map<String, String> env, long pid) {
        String usec = env.get("WATCHDOG_USEC");
        String forPid = env.get("WATCHDOG_PID");
        if (usec == null || (forPid != null && !forPid.equals(Long.toString(pid)))) {
            return Optional.empty();
        }
        try {
            long u = Long.parseLong(usec.strip());
            return u > 0 ? Optional.of(Duration.ofNanos(u * 1000 / 2)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Starts pinging when the environment asks for a watchdog; empty otherwise. */
    public static Optional<Watchdog> start(Map<String, String> env, long pid, BooleanSupplier healthy) {
        var notify = SdNotify.fromEnvironment(env);
        var every = interval(env, pid);
        if (notify.isEmpty() || every.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(start(notify.get(), every.get(), healthy));
    }

    public static Watchdog start(SdNotify notify, Duration every, BooleanSupplier healthy) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sd-watchdog");
            t.setDaemon(true);
            return t;
        });
        long nanos = Math.max(every.toNanos(), TimeUnit.MILLISECONDS.toNanos(10));
        timer.scheduleAtFixedRate(() -> {
            try {
                if (healthy.getAsBoolean()) {
                    notify.watchdog();
                }
            } catch (RuntimeException e) {
                // a failed ping is retried next tick; systemd acts if they keep failing
            }
        }, 0, nanos, TimeUnit.NANOSECONDS);
        return new Watchdog(timer);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
