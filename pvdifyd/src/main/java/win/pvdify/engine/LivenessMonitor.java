package win.pvdify.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import win.pvdify.api.Healthcheck;
import win.pvdify.dyno.DynoState;
import win.pvdify.dyno.DynoSupervisor;
import win.pvdify.routing.TrafficSwitch;
import win.pvdify.routing.Upstream;

/**
 * Liveness of running web dynos and the settling window of new releases, one pass per tick (every second).
 *
 * <p>Each web dyno of an app's current release is probed on its loopback port every liveness_interval with the
 * app's health check (path, status, body, Host header, timeout). LivenessTracker decides: threshold failures in a
 * row take it out of the app's route (RouteSync keeps the other upstreams) and restart it, with exponential
 * back-off while it keeps failing; the first passing probe puts it back. Every step is a platform log line
 * (pvdify[liveness]). Probe results count only in the app's turn (AppTurns): while a deploy, scale or restart runs,
 * the app is skipped.
 *
 * <p>Within its settling window, a current release whose dyno crash-loops or was taken out (SettlingWatch) is
 * handed to AutoRollbacks once.
 */
public final class LivenessMonitor implements DynoHealth, AutoCloseable {
    static final String SOURCE = "liveness";

    private final ReleaseLedger ledger;
    private final DynoSupervisor supervisor;
    private final HealthProbe probe;
    private final TrafficSwitch traffic;
    private final AppTurns turns;
    private final AutoRollbacks rollbacks;
    private final LivenessTracker.Backoff backoff;
    private final int lastLines;
    private final Clock clock;
    private final Map<String, Watched> watched = new ConcurrentHashMap<>();
    private final Set<String> judged = ConcurrentHashMap.newKeySet();
    private final ExecutorService probes = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "pvdify-liveness-probe");
        t.setDaemon(true);
        return t;
    });
    private ScheduledExecutorService loop;

    /** One probed dyno: its tracker and when it is probed next. Keyed by unit and port (a restart keeps both). */
    private static final class Watched {
        final String app;
        final DynoState dyno;
        final LivenessTracker tracker;
        Instant nextProbe;

        Watched(String app, DynoState dyno, LivenessTracker tracker, Instant nextProbe) {
            this.app = app;
            this.dyno = dyno;
            this.tracker = tracker;
            this.nextProbe = nextProbe;
        }
    }

    public LivenessMonitor(ReleaseLedger ledger, DynoSupervisor supervisor, HealthProbe probe, TrafficSwitch traffic,
                           AppTurns turns, AutoRollbacks rollbacks, LivenessTracker.Backoff backoff, int lastLines,
                           Clock clock) {
        this.ledger = ledger;
        this.supervisor = supervisor;
        this.probe = probe;
        this.traffic = traffic;
        this.turns = turns;
        this.rollbacks = rollbacks;
        this.backoff = backoff;
        this.lastLines = lastLines;
        this.clock = clock;
    }

    public synchronized void start(Duration every) {
        if (loop != null) {
            return;
        }
        loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pvdify-liveness");
            t.setDaemon(true);
            return t;
        });
        loop.scheduleWithFixedDelay(this::runOnce, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public String of(DynoState dyno) {
        Watched w = watched.get(key(dyno));
        return w == null ? null : w.tracker.health().wire();
    }

    /** One pass over every app. Never throws: a failing app is tried again next pass. */
    public void runOnce() {
        List<String> apps;
        try {
            apps = ledger.appNames();
        } catch (RuntimeException e) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (String app : apps) {
            try {
                check(app, seen);
            } catch (RuntimeException e) {
                System.getLogger(LivenessMonitor.class.getName())
                        .log(System.Logger.Level.WARNING, "liveness of " + app + ": " + e.getMessage());
                watched.values().stream().filter(w -> w.app.equals(app)).forEach(w -> seen.add(key(w.dyno)));
            }
        }
        watched.keySet().retainAll(seen);
    }

    private void check(String app, Set<String> seen) {
        DesiredApp desired = ledger.desired(app).orElse(null);
        if (desired == null || desired.image() == null || desired.release() == null) {
            return;
        }
        Healthcheck hc = Healthchecks.effective(desired.healthcheck());
        List<DynoState> observed = supervisor.list(app);
        Instant now = clock.instant();
        List<Watched> due = new ArrayList<>();
        if (Boolean.TRUE.equals(hc.liveness())) {
            for (DynoState d : observed) {
                if (d.release() != desired.release() || !DeployPlanner.WEB.equals(d.type()) || d.hostPort() == null) {
                    continue;
                }
                String key = key(d);
                seen.add(key);
                Watched w = watched.computeIfAbsent(key, k -> new Watched(app, d, new LivenessTracker(backoff),
                        now.plusSeconds(hc.livenessInterval())));
                if (!now.isBefore(w.nextProbe)) {
                    due.add(w);
                }
            }
        }
        Map<Watched, Future<HealthProbe.Probe>> results = new HashMap<>();
        for (Watched w : due) {
            results.put(w, probes.submit(() -> probe.probeOnce(w.dyno.hostPort(), hc)));
        }
        Map<Watched, HealthProbe.Probe> outcomes = new HashMap<>();
        for (Map.Entry<Watched, Future<HealthProbe.Probe>> r : results.entrySet()) {
            try {
                outcomes.put(r.getKey(), r.getValue().get(hc.timeout() + 5L, TimeUnit.SECONDS));
            } catch (Exception e) {
                outcomes.put(r.getKey(), new HealthProbe.Probe(false, "probe failed: " + e));
            }
        }
        if (!outcomes.isEmpty()) {
            // Counted only in the app's turn: a deploy or restart running now owns the dynos.
            turns.tryTurn(app, () -> outcomes.forEach((w, p) -> act(w, p, hc, clock.instant())));
        }
        settle(app, hc, observed);
    }

    private void act(Watched w, HealthProbe.Probe p, Healthcheck hc, Instant now) {
        w.nextProbe = now.plusSeconds(hc.livenessInterval());
        LivenessTracker t = w.tracker;
        String dyno = w.dyno.dynoName() + " (v" + w.dyno.release() + ", port " + w.dyno.hostPort() + ")";
        Upstream upstream = new Upstream(DeployPlanner.LOOPBACK, w.dyno.hostPort());
        LivenessTracker.Action action = t.probed(p.healthy(), p.detail(), now, hc.livenessThreshold());
        switch (action) {
            case NONE -> {
            }
            case TAKE_OUT_AND_RESTART, TAKE_OUT -> {
                event(w.app, dyno + " failed " + t.failures() + " liveness probes in a row (" + p.detail()
                        + "): taken out of the route");
                quietly(w.app, () -> traffic.eject(w.app, upstream));
                if (action == LivenessTracker.Action.TAKE_OUT_AND_RESTART) {
                    restart(w, dyno, t, now);
                }
            }
            case RESTART -> {
                event(w.app, dyno + " still fails its liveness probe (" + p.detail() + ")");
                restart(w, dyno, t, now);
            }
            case PUT_BACK -> {
                quietly(w.app, () -> traffic.readmit(w.app, upstream));
                event(w.app, dyno + " passes its liveness probe again: back in the route");
            }
        }
    }

    private void restart(Watched w, String dyno, LivenessTracker t, Instant now) {
        event(w.app, "Restarting " + dyno + " (restart " + t.restarts() + "; next one no sooner than "
                + Duration.between(now, t.nextRestartAt()).toSeconds() + " s from now)");
        quietly(w.app, () -> supervisor.restart(w.dyno.unit()));
        w.nextProbe = clock.instant(); // probe right after it is back up
    }

    private void settle(String app, Healthcheck hc, List<DynoState> observed) {
        if (!Boolean.TRUE.equals(hc.autoRollback())) {
            return;
        }
        ReleaseLedger.CurrentRelease current = ledger.currentRelease(app).orElse(null);
        if (current == null || judged.contains(app + " v" + current.version())) {
            return;
        }
        Map<String, String> takenOut = new HashMap<>();
        watched.values().stream().filter(w -> w.app.equals(app) && w.dyno.release() == current.version()
                        && w.tracker.health() == win.pvdify.api.Dyno.Health.OUT)
                .forEach(w -> takenOut.put(w.dyno.unit(), w.tracker.lastFailure()));
        SettlingWatch.Verdict verdict = SettlingWatch.judge(current, Duration.ofSeconds(hc.rollbackWindow()),
                clock.instant(), observed, takenOut);
        if (verdict == null) {
            return;
        }
        judged.add(app + " v" + current.version());
        List<String> lines;
        try {
            lines = lastLines <= 0 ? List.of() : supervisor.lastLogLines(verdict.dyno().unit(), lastLines);
        } catch (RuntimeException e) {
            lines = List.of();
        }
        String done = rollbacks.rollBack(app, current.version(), verdict.reason(), lines);
        event(app, "v" + current.version() + " failed within its settling window: " + verdict.reason() + "; "
                + (done == null ? "not rolled back automatically" : done));
    }

    private void event(String app, String message) {
        try {
            ledger.event(app, SOURCE, message);
        } catch (RuntimeException e) {
            // the log line is lost; the next step logs again
        }
    }

    /** A failed eject, restart or readmit is logged; the next probe decides again. */
    private void quietly(String app, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            event(app, "liveness step failed: " + e.getMessage());
        }
    }

    private static String key(DynoState d) {
        return d.unit() + "|" + d.hostPort();
    }

    @Override
    public synchronized void close() {
        if (loop != null) {
            loop.shutdownNow();
            loop = null;
        }
        probes.shutdownNow();
    }
}
