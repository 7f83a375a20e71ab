package win.pvdify.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import win.pvdify.dyno.DynoState;
import win.pvdify.dyno.DynoSupervisor;

/**
 * Runs once at pvdifyd start, before READY: whatever a kill -9 left behind becomes consistent again.
 * Releases stuck in pending/deploying fail; dynos of unknown apps go; every known app converges to its
 * current release (orphans removed, missing or given-up dynos started) and its route is pushed again.
 */
public final class Recovery {
    static final String RESTARTED = "pvdifyd restarted during the deploy";
    private static final int PARALLEL_APPS = 8;

    private final ReleaseLedger ledger;
    private final DynoSupervisor supervisor;
    private final EnvFileWriter envFiles;
    private final Engine engine;

    public Recovery(ReleaseLedger ledger, DynoSupervisor supervisor, EnvFileWriter envFiles, Engine engine) {
        this.ledger = ledger;
        this.supervisor = supervisor;
        this.envFiles = envFiles;
        this.engine = engine;
    }

    /** failedReleases: "app v3" of stuck releases; purgedApps: unknown apps removed; failures: app: reason. */
    public record Report(List<String> failedReleases, List<String> purgedApps, List<String> failures) {
    }

    public Report run() {
        List<String> failedReleases = new ArrayList<>();
        Set<String> justFailed = new HashSet<>();
        for (ReleaseLedger.StuckRelease stuck : ledger.stuckReleases()) {
            envFiles.delete(stuck.app(), stuck.release()); // first: once failed, nothing points to the file
            ledger.markFailed(stuck.app(), stuck.release(), RESTARTED);
            ledger.event(stuck.app(), Engine.SOURCE, "Deploy of v" + stuck.release() + " failed: " + RESTARTED);
            failedReleases.add(stuck.app() + " v" + stuck.release());
            justFailed.add(stuck.app());
        }
        Set<String> known = new TreeSet<>(ledger.appNames());
        Set<String> unknown = new TreeSet<>();
        for (DynoState dyno : supervisor.listAll()) {
            if (!known.contains(dyno.app())) {
                unknown.add(dyno.app());
            }
        }
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Runnable> work = new ArrayList<>();
        for (String app : unknown) {
            work.add(() -> attempt(app, () -> engine.purge(app), failures));
        }
        for (String app : known) {
            work.add(() -> attempt(app, () -> engine.recover(app, justFailed.contains(app)), failures));
        }
        inParallel(work);
        List<String> sorted = new ArrayList<>(failures);
        sorted.sort(null);
        return new Report(failedReleases, List.copyOf(unknown), sorted);
    }

    /**
     * Apps recover side by side (each app's work stays serialized by the engine): with 100 apps, one after another
     * took ~20 s, mostly waiting on systemctl and Podman. A few threads: the host has few cores to spare.
     */
    private static void inParallel(List<Runnable> work) {
        if (work.size() <= 1) {
            work.forEach(Runnable::run);
            return;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.min(PARALLEL_APPS, work.size()), r -> {
                    Thread t = new Thread(r, "pvdify-recovery");
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (Runnable w : work) {
                done.add(pool.submit(w));
            }
            for (java.util.concurrent.Future<?> f : done) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof Error err) {
                        throw err; // a simulated kill -9 in tests, an OOM: not an app's trouble
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdownNow();
        }
    }

    /** One app's trouble must not keep the others down. */
    private static void attempt(String app, Runnable work, List<String> failures) {
        try {
            work.run();
        } catch (RuntimeException e) {
            failures.add(app + ": " + e.getMessage());
        }
    }
}
