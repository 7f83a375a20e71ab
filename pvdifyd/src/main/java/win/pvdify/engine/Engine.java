package win.pvdify.engine;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import win.pvdify.api.App;
import win.pvdify.api.DeployProgress;
import win.pvdify.api.Dyno;
import win.pvdify.dyno.DynoState;
import win.pvdify.dyno.DynoUsage;
import win.pvdify.dyno.DynoSupervisor;
import win.pvdify.routing.TrafficSwitch;
import win.pvdify.routing.Upstream;

/**
 * The runtime: every call is one reconcile of one app (read desired from the ledger, observe the supervisor,
 * plan, execute). A fair lock per app queues calls for the same app; apps run in parallel. Scale requests
 * that arrive while one is already waiting join it (it reads the newest formation when it runs).
 * Deploy reports failure through the ledger and progress; the other calls throw PlanException (bad request)
 * or StepFailed (a dyno did not come up; undone).
 */
public final class Engine implements AppRuntime, AppTurns {
    static final String SOURCE = "engine";

    private final ReleaseLedger ledger;
    private final DynoSupervisor supervisor;
    private final EnvFileWriter envFiles;
    private final PortAllocator ports;
    private final AppLogReader logs;
    private final DynoUsage usage;
    private final PlanExecutor executor;
    private final PreparedImages images;
    private final EngineSettings settings;
    private final Clock clock;
    private final DynoHealth health;
    private final TrafficSwitch traffic;
    private final Sleeper sleeper;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> waitingConverge = new ConcurrentHashMap<>();

    public Engine(ReleaseLedger ledger, DynoSupervisor supervisor, TrafficSwitch traffic, ImagePuller puller,
            EnvFileWriter envFiles, HealthProbe health, PortAllocator ports, AppLogReader logs, DynoUsage usage,
            EngineSettings settings) {
        this(ledger, supervisor, traffic, puller, envFiles, health, ports, logs, usage, settings, DynoHealth.NONE);
    }

    /** dynoHealth: what the liveness monitor says of each dyno, for dynos(). */
    public Engine(ReleaseLedger ledger, DynoSupervisor supervisor, TrafficSwitch traffic, ImagePuller puller,
            EnvFileWriter envFiles, HealthProbe health, PortAllocator ports, AppLogReader logs, DynoUsage usage,
            EngineSettings settings, DynoHealth dynoHealth) {
        this(ledger, supervisor, traffic, puller, envFiles, health, ports, logs, usage, settings, Sleeper.REAL,
                Clock.systemUTC(), dynoHealth);
    }

    Engine(ReleaseLedger ledger, DynoSupervisor supervisor, TrafficSwitch traffic, ImagePuller puller,
            EnvFileWriter envFiles, HealthProbe health, PortAllocator ports, AppLogReader logs, DynoUsage usage,
            EngineSettings settings, Sleeper sleeper, Clock clock) {
        this(ledger, supervisor, traffic, puller, envFiles, health, ports, logs, usage, settings, sleeper, clock,
                DynoHealth.NONE);
    }

    Engine(ReleaseLedger ledger, DynoSupervisor supervisor, TrafficSwitch traffic, ImagePuller puller,
            EnvFileWriter envFiles, HealthProbe health, PortAllocator ports, AppLogReader logs, DynoUsage usage,
            EngineSettings settings, Sleeper sleeper, Clock clock, DynoHealth dynoHealth) {
        this.health = dynoHealth;
        this.traffic = traffic;
        this.sleeper = sleeper;
        this.ledger = ledger;
        this.supervisor = supervisor;
        this.envFiles = envFiles;
        this.ports = ports;
        this.logs = logs;
        this.usage = usage;
        this.settings = settings;
        this.clock = clock;
        this.images = new PreparedImages(puller);
        this.executor = new PlanExecutor(supervisor, traffic, health, images, envFiles, ledger, sleeper,
                settings.failureLogLines());
    }

    @Override
    public void deploy(String app, int release, Consumer<DeployProgress> progress) {
        deploy(app, release, progress, () -> false);
    }

    @Override
    public String prepareImage(String image, Consumer<String> progress) {
        return images.prepare(image, progress);
    }

    @Override
    public void deploy(String app, int release, Consumer<DeployProgress> progress, BooleanSupplier cancelled) {
        Consumer<DeployProgress> report = new ProgressSink(progress);
        serialized(app, () -> {
            Integer current = ledger.desired(app).map(DesiredApp::release).orElse(null);
            ledger.markDeploying(app, release);
            try {
                DesiredApp desired = ledger.desired(app, release)
                        .orElseThrow(() -> new PlanException("unknown release v" + release + " of " + app));
                reconcile(app, new Intent.Deploy(release), desired, current, report, cancelled);
                ledger.event(app, SOURCE, "Deployed v" + release);
                report.accept(new DeployProgress(DeployProgress.Stage.DONE.wire(), "v" + release + " is running",
                        null));
                updateStatus(app, false);
            } catch (RuntimeException e) {
                String reason = e instanceof StepFailed failed ? failed.report() : message(e);
                if (!Objects.equals(current, release)) {
                    envFiles.delete(app, release); // before markFailed: a kill -9 between leaves it stuck, not leaked
                }
                ledger.markFailed(app, release, reason);
                ledger.event(app, SOURCE, "Deploy of v" + release + " failed: " + message(e));
                report.accept(new DeployProgress(DeployProgress.Stage.FAILED.wire(), reason, null));
                updateStatus(app, true);
            }
            return null;
        });
    }

    @Override
    public void applyFormation(String app) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> waiting = waitingConverge.putIfAbsent(app, mine);
        if (waiting != null) {
            try {
                waiting.join();
                return;
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        try {
            serialized(app, () -> {
                waitingConverge.remove(app, mine); // from here on, a new request needs a new run
                runForCurrent(app, new Intent.Converge(), false);
                return null;
            });
            mine.complete(null);
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        }
    }

    @Override
    public void restart(String app, String type) {
        serialized(app, () -> {
            runForCurrent(app, new Intent.Restart(type), false);
            return null;
        });
    }

    @Override
    public void remove(String app) {
        remove(app, false);
    }

    @Override
    public void remove(String app, boolean force) {
        serialized(app, () -> {
            reconcile(app, new Intent.Remove(force), ledger.desired(app).orElse(null), null, line -> { },
                    () -> false);
            return null;
        });
    }

    @Override
    public void stop(String app, String dyno, boolean force) {
        serialized(app, () -> {
            DesiredApp desired = ledger.desired(app).filter(d -> d.image() != null)
                    .orElseThrow(() -> new PlanException("nothing is deployed to " + app));
            List<DynoState> matching = supervisor.list(app).stream()
                    .filter(d -> d.release() == desired.release()
                            && (d.dynoName().equals(dyno) || d.type().equals(dyno)))
                    .toList();
            if (matching.isEmpty()) {
                throw new PlanException("no running dyno " + dyno + " of " + app);
            }
            boolean routed = false;
            for (DynoState d : matching) {
                if (d.type().equals(DeployPlanner.WEB) && d.hostPort() != null) {
                    traffic.eject(app, new Upstream(DeployPlanner.LOOPBACK, d.hostPort()));
                    routed = true;
                }
            }
            if (routed && !force && settings.drain() != null) {
                sleeper.sleep(settings.drain());
            }
            for (DynoState d : matching) {
                supervisor.remove(d.unit(), force);
            }
            ledger.event(app, SOURCE, (force ? "Killed " : "Stopped ") + String.join(", ",
                    matching.stream().map(DynoState::dynoName).toList()) + "; starting fresh ones");
            runForCurrent(app, new Intent.Converge(), false); // the formation brings them back
            return null;
        });
    }

    @Override
    public boolean tryTurn(String app, Runnable work) {
        ReentrantLock lock = locks.computeIfAbsent(app, name -> new ReentrantLock(true));
        if (!lock.tryLock()) {
            return false;
        }
        try {
            work.run();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Recovery: converge the app and push its route; lastDeployFailed when its deploy was just failed. */
    public void recover(String app, boolean lastDeployFailed) {
        serialized(app, () -> {
            runForCurrent(app, new Intent.Recover(), lastDeployFailed);
            return null;
        });
    }

    /** A domain was added or removed: converge the app, which pushes its route with the new hosts. */
    @Override
    public void refreshRoutes(String app) {
        if (ledger.desired(app).map(DesiredApp::image).isEmpty()) {
            return; // nothing deployed: no route yet
        }
        serialized(app, () -> {
            runForCurrent(app, new Intent.Recover(), false);
            return null;
        });
    }

    /** Recovery: removes everything of an app the ledger does not know (dynos, route, env files). */
    public void purge(String app) {
        serialized(app, () -> {
            reconcile(app, new Intent.Remove(true), null, null, line -> { }, () -> false);
            return null;
        });
    }

    @Override
    public List<Dyno> dynos(String app) {
        List<DynoState> states = supervisor.list(app).stream()
                .sorted(Comparator.comparing((DynoState d) -> !d.type().equals(DeployPlanner.WEB))
                        .thenComparing(DynoState::type).thenComparingInt(DynoState::number)
                        .thenComparingInt(DynoState::release))
                .toList();
        Map<String, DynoUsage.Usage> sampled = usage.sample(states.stream()
                .filter(d -> d.state() == Dyno.State.UP && d.containerId() != null)
                .map(DynoState::containerId).toList());
        return states.stream().map(d -> view(d, d.containerId() == null ? null : sampled.get(d.containerId())))
                .toList();
    }

    @Override
    public void logs(String app, int lines, String process, boolean follow, Consumer<String> sink) {
        logs.read(app, lines, process, follow, sink);
    }

    private void runForCurrent(String app, Intent intent, boolean lastDeployFailed) {
        DesiredApp desired = ledger.desired(app).orElseThrow(() -> new PlanException("unknown app " + app));
        try {
            reconcile(app, intent, desired, desired.release(), line -> { }, () -> false);
        } finally {
            updateStatus(app, lastDeployFailed);
        }
    }

    private void reconcile(String app, Intent intent, DesiredApp desired, Integer current,
            Consumer<DeployProgress> progress, BooleanSupplier cancelled) {
        List<DynoState> observed = supervisor.list(app);
        Path envFile = null;
        if (!(intent instanceof Intent.Remove) && desired != null && desired.release() != null
                && desired.image() != null) {
            envFile = envFiles.write(app, desired.release(), envWithPort(desired));
        }
        PlanInput input = new PlanInput(intent, app, desired, current, observed, List.of(), envFile,
                settings.drain() == null ? Duration.ZERO : settings.drain());
        try (PortAllocator.Reservation reservation = ports.reserve(DeployPlanner.portsNeeded(input))) {
            executor.execute(app, DeployPlanner.plan(input.withPorts(reservation.ports())), progress, cancelled);
        }
    }

    /** Config vars plus PORT (the port the image listens on inside the container; Heroku's contract). */
    private static Map<String, String> envWithPort(DesiredApp desired) {
        Map<String, String> env = new TreeMap<>();
        if (desired.env() != null) {
            env.putAll(desired.env());
        }
        env.put("PORT", String.valueOf(desired.bindPort()));
        return env;
    }

    private void updateStatus(String app, boolean lastDeployFailed) {
        try {
            DesiredApp desired = ledger.desired(app).orElse(null);
            App.Status status = AppStatus.of(desired, supervisor.list(app), lastDeployFailed);
            if (status != null) {
                ledger.setAppStatus(app, status);
            }
        } catch (RuntimeException e) {
            System.getLogger(Engine.class.getName())
                    .log(System.Logger.Level.WARNING, "status of " + app + " not updated: " + e.getMessage());
        }
    }

    private Dyno view(DynoState state, DynoUsage.Usage used) {
        Long uptime = state.startedAt() == null || state.state() != Dyno.State.UP ? null
                : Math.max(0, Duration.between(state.startedAt(), clock.instant()).toSeconds());
        return new Dyno(state.dynoName(), state.type(), state.number(), state.release(), state.state().wire(),
                state.hostPort(), state.startedAt(), uptime, state.restarts(),
                used == null ? null : used.cpuPercent(), used == null ? null : used.memoryBytes(), health.of(state));
    }

    private <T> T serialized(String app, Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(app, name -> new ReentrantLock(true));
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
