package win.pvdify.engine;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import win.pvdify.api.FormationEntry;
import win.pvdify.dyno.DynoState;
import win.pvdify.dyno.DynoSupervisor;

/**
 * Dynos can vanish behind pvdifyd's back (an operator's `podman rm`, a unit file deleted, a disk cleaned).
 * Every interval this compares each deployed app's formation with the dynos of its current release and asks
 * the engine to converge the apps that drifted, so the platform heals itself without a pvdifyd restart.
 */
public final class DriftCheck implements AutoCloseable {
    private final ReleaseLedger ledger;
    private final DynoSupervisor supervisor;
    private final AppRuntime runtime;
    private ScheduledExecutorService loop;

    public DriftCheck(ReleaseLedger ledger, DynoSupervisor supervisor, AppRuntime runtime) {
        this.ledger = ledger;
        this.supervisor = supervisor;
        this.runtime = runtime;
    }

    public synchronized void start(Duration every) {
        if (loop != null) {
            return;
        }
        loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pvdify-drift-check");
            t.setDaemon(true);
            return t;
        });
        loop.scheduleWithFixedDelay(this::runOnce, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether its loop is scheduled and running (an uncaught failure would have ended it). */
    public synchronized boolean alive() {
        return loop != null && !loop.isShutdown();
    }

    /** One pass; returns the apps it converged. Never throws: a failing app is retried next pass. */
    public List<String> runOnce() {
        List<String> converged = new java.util.ArrayList<>();
        List<String> apps;
        try {
            apps = ledger.appNames();
        } catch (RuntimeException e) {
            return converged;
        }
        // One listing of every dyno per pass, not one per app: at 100 apps the per-app calls kept the Podman
        // service busy while nothing happened.
        Map<String, List<DynoState>> byApp = new HashMap<>();
        try {
            for (DynoState d : supervisor.listAll()) {
                byApp.computeIfAbsent(d.app(), a -> new java.util.ArrayList<>()).add(d);
            }
        } catch (RuntimeException e) {
            return converged; // the supervisor is down: nothing can be judged
        }
        for (String app : apps) {
            try {
                DesiredApp desired = ledger.desired(app).orElse(null);
                if (desired == null || desired.image() == null || desired.release() == null) {
                    continue;
                }
                if (drifted(desired, byApp.getOrDefault(app, List.of())) && drifted(desired, supervisor.list(app))) {
                    runtime.applyFormation(app);
                    converged.add(app);
                }
            } catch (RuntimeException e) {
                // the app is busy or a peer is down: the next pass tries again
            }
        }
        return converged;
    }

    /** Pure: true when some process type has fewer or more dynos of the current release than its formation. */
    static boolean drifted(DesiredApp desired, List<DynoState> observed) {
        Map<String, Integer> running = new HashMap<>();
        for (DynoState d : observed) {
            if (Objects.equals(d.release(), desired.release())) {
                running.merge(d.type(), 1, Integer::sum);
            }
        }
        Map<String, Integer> wanted = new HashMap<>();
        for (FormationEntry f : desired.formation()) {
            if (f.count() > 0) {
                wanted.put(f.type(), f.count());
            }
        }
        // Extra dynos of the current release (a rolling restart's stand-in) are the engine's business while it
        // runs; only missing dynos count as drift.
        return wanted.entrySet().stream().anyMatch(e -> running.getOrDefault(e.getKey(), 0) < e.getValue());
    }

    @Override
    public synchronized void close() {
        if (loop != null) {
            loop.shutdownNow();
            loop = null;
        }
    }
}
