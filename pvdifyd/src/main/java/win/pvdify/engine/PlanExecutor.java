package win.pvdify.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import win.pvdify.api.DeployProgress;
import win.pvdify.api.DeployProgress.Stage;
import win.pvdify.dyno.DynoSpec;
import win.pvdify.dyno.DynoState;
import win.pvdify.dyno.DynoSupervisor;
import win.pvdify.routing.TrafficSwitch;
import win.pvdify.routing.Upstream;

/**
 * Runs a plan's steps through the effect interfaces, reporting progress. When a step throws, it undoes what
 * the plan started: pushes the plan's restoreRoute if traffic was switched, removes every started dyno that
 * is not in the route left in place, then throws StepFailed. Errors (a simulated kill -9) pass untouched.
 */
public final class PlanExecutor {
    private final DynoSupervisor supervisor;
    private final TrafficSwitch traffic;
    private final HealthProbe health;
    private final ImagePuller puller;
    private final EnvFileWriter envFiles;
    private final ReleaseLedger ledger;
    private final Sleeper sleeper;
    private final int failureLogLines;

    public PlanExecutor(DynoSupervisor supervisor, TrafficSwitch traffic, HealthProbe health, ImagePuller puller,
            EnvFileWriter envFiles, ReleaseLedger ledger, Sleeper sleeper, int failureLogLines) {
        this.supervisor = supervisor;
        this.traffic = traffic;
        this.health = health;
        this.puller = puller;
        this.envFiles = envFiles;
        this.ledger = ledger;
        this.sleeper = sleeper;
        this.failureLogLines = failureLogLines;
    }

    /** Runs the plan; returns the pulled image's digest (null when the plan pulls nothing). */
    public String execute(String app, Plan plan, Consumer<DeployProgress> progress) {
        return execute(app, plan, progress, () -> false);
    }

    /**
     * The same, stopping when cancelled says so: checked before each step up to MarkCurrent (and while a
     * dyno's health is awaited); a cancelled plan is undone like a failed one, so the old release keeps serving.
     * Once the release is current, the plan runs to its end.
     */
    public String execute(String app, Plan plan, Consumer<DeployProgress> progress, BooleanSupplier cancelled) {
        Run run = new Run(app, progress, cancelled);
        List<Step> steps = plan.steps();
        for (int i = 0; i < steps.size(); ) {
            List<Step> batch = steps.subList(i, batchEnd(steps, i));
            i += batch.size();
            Step step = batch.getFirst();
            try {
                if (!run.current && cancelled.getAsBoolean()) {
                    throw new Cancelled();
                }
                if (batch.size() == 1) {
                    run.apply(step);
                } else {
                    run.applyTogether(batch);
                }
            } catch (FailedInBatch f) {
                fail(run, plan, f.step, f.cause);
            } catch (RuntimeException e) {
                fail(run, plan, step, e);
            }
        }
        return run.digest;
    }

    /**
     * A step that failed while a cancel was pending counts as cancelled: a health wait stopped by the cancel may
     * end in its own error (the dyno died, the check failed) and must not make the undo wait stop timeouts out.
     */
    private void fail(Run run, Plan plan, Step step, RuntimeException e) {
        boolean cancelled = e instanceof Cancelled || (!run.current && run.cancelled.getAsBoolean());
        List<String> lines = cancelled ? List.of() : lastLines(run.app, dynoOf(step));
        undo(run, plan, cancelled);
        throw new StepFailed(step, cancelled ? CANCELLED : reasonOf(step, e), lines, e);
    }

    /**
     * Consecutive starts, and consecutive health waits, run side by side: web=3 used to start and await one dyno
     * after another (~3x a single dyno's time). Every other step runs alone, in plan order.
     */
    static int batchEnd(List<Step> steps, int from) {
        Step first = steps.get(from);
        int end = from + 1;
        if (first instanceof Step.StartDyno || first instanceof Step.AwaitHealthy) {
            while (end < steps.size() && steps.get(end).getClass() == first.getClass() && end - from < MAX_TOGETHER) {
                end++;
            }
        }
        return end;
    }

    /** Dynos started or awaited at once, at most (a 50-dyno scale must not fork 50 systemctl at once). */
    static final int MAX_TOGETHER = 8;

    /** The step of a batch that failed first in plan order, and why. */
    private static final class FailedInBatch extends RuntimeException {
        final Step step;
        final RuntimeException cause;

        FailedInBatch(Step step, RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
            this.step = step;
            this.cause = cause;
        }
    }

    /** A health wait stopped because another dyno of its batch failed (not a failure of its own). */
    private static final class SiblingFailed extends RuntimeException {
        SiblingFailed() {
            super("another dyno failed", null, false, false);
        }
    }

    /** The reason a cancelled deploy's release failed. */
    public static final String CANCELLED = "cancelled";

    /** Thrown inside the executor when a plan is cancelled before its release is current. */
    static final class Cancelled extends RuntimeException {
        Cancelled() {
            super(CANCELLED, null, false, false);
        }
    }

    private final class Run {
        final String app;
        final Consumer<DeployProgress> progress;
        final BooleanSupplier cancelled;
        final List<DynoSpec> started = new ArrayList<>();
        boolean current;
        List<Upstream> routed;
        boolean switched;
        String digest;

        Run(String app, Consumer<DeployProgress> progress, BooleanSupplier cancelled) {
            this.app = app;
            this.progress = progress;
            this.cancelled = cancelled;
        }

        void apply(Step step) {
            switch (step) {
                case Step.PullImage pull -> {
                    say(Stage.PULL, "Pulling " + pull.image());
                    digest = puller.pull(pull.image(), line -> say(Stage.PULL, line));
                }
                case Step.StartDyno start -> {
                    say(Stage.START, "Starting " + name(start.spec()));
                    started.add(start.spec()); // before start: a half-started dyno is removed on failure too
                    supervisor.start(start.spec());
                }
                case Step.AwaitHealthy await -> {
                    say(Stage.HEALTH, "Waiting for " + name(await.spec()) + " to be healthy");
                    health.await(await.spec(), await.healthcheck(), cancelled);
                    if (cancelled.getAsBoolean()) {
                        throw new Cancelled();
                    }
                }
                case Step.SwitchTraffic to -> {
                    say(Stage.SWITCH, "Routing " + String.join(", ", to.hosts()) + " to " + to.upstreams().size()
                            + " web dyno(s)");
                    switched = true;
                    traffic.route(app, to.hosts(), to.upstreams());
                    routed = to.upstreams();
                }
                case Step.Drain drain -> {
                    if (cancelled.getAsBoolean()) {
                        say(Stage.DRAIN, "Not draining: cancelled (the new release already serves)");
                    } else {
                        say(Stage.DRAIN, "Draining old dynos for " + drain.duration().toMillis() + " ms");
                        sleeper.sleep(drain.duration());
                    }
                }
                case Step.RemoveDyno remove -> {
                    // a cancel after the switch (a force delete's) still runs the plan to its end, but at once
                    boolean kill = remove.force() || cancelled.getAsBoolean();
                    say(Stage.DRAIN, (kill ? "Killing " : "Stopping ") + remove.unit());
                    supervisor.remove(remove.unit(), kill);
                }
                case Step.RestartDyno restart -> {
                    say(Stage.START, "Restarting " + restart.unit());
                    supervisor.restart(restart.unit());
                }
                case Step.MarkCurrent current -> {
                    ledger.markCurrent(app, current.release(), digest);
                    this.current = true;
                    say(Stage.RELEASE, "v" + current.release() + " is current");
                }
                case Step.RemoveRoute ignored -> traffic.remove(app);
                case Step.DeleteEnvFile delete -> envFiles.delete(app, delete.release());
                case Step.PurgeEnvFiles ignored -> envFiles.deleteAll(app);
            }
        }

        /** Runs a batch of starts or health waits at once; throws FailedInBatch for the first failure in order. */
        void applyTogether(List<Step> batch) {
            java.util.concurrent.atomic.AtomicBoolean siblingFailed = new java.util.concurrent.atomic.AtomicBoolean();
            List<Runnable> work = new ArrayList<>();
            for (Step step : batch) {
                switch (step) {
                    case Step.StartDyno start -> {
                        say(Stage.START, "Starting " + name(start.spec()));
                        synchronized (this) {
                            started.add(start.spec()); // before start: a half-started dyno is removed on failure
                        }
                        work.add(() -> supervisor.start(start.spec()));
                    }
                    case Step.AwaitHealthy await -> {
                        say(Stage.HEALTH, "Waiting for " + name(await.spec()) + " to be healthy");
                        BooleanSupplier stop = () -> cancelled.getAsBoolean() || siblingFailed.get();
                        work.add(() -> {
                            health.await(await.spec(), await.healthcheck(), stop);
                            if (cancelled.getAsBoolean()) {
                                throw new Cancelled();
                            }
                            if (siblingFailed.get()) {
                                throw new SiblingFailed();
                            }
                        });
                    }
                    default -> throw new IllegalArgumentException("not a batch step: " + step.describe());
                }
            }
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                    work.size(), r -> {
                        Thread t = new Thread(r, "pvdify-plan-" + app);
                        t.setDaemon(true);
                        return t;
                    });
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            try {
                for (Runnable w : work) {
                    done.add(pool.submit(() -> {
                        try {
                            w.run();
                        } catch (RuntimeException e) {
                            if (!(e instanceof SiblingFailed)) {
                                siblingFailed.set(true);
                            }
                            throw e;
                        }
                    }));
                }
                FailedInBatch first = null;
                Error error = null;
                for (int k = 0; k < done.size(); k++) {
                    try {
                        done.get(k).get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        if (e.getCause() instanceof Error err) {
                            error = error == null ? err : error; // a simulated kill -9 passes untouched
                        } else if (e.getCause() instanceof RuntimeException re && !(re instanceof SiblingFailed)
                                && first == null) {
                            first = new FailedInBatch(batch.get(k), re);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new Cancelled();
                    }
                }
                if (error != null) {
                    throw error;
                }
                if (first != null) {
                    throw first;
                }
            } finally {
                pool.shutdownNow();
            }
        }

        synchronized void say(Stage stage, String message) {
            progress.accept(new DeployProgress(stage.wire(), message, null));
        }
    }

    /**
     * cancelled: a cancel (a force delete's among them) wants the app free now; new dynos that never got traffic have
     * no requests to finish, so they are killed instead of waiting their stop timeout.
     */
    private void undo(Run run, Plan plan, boolean cancelled) {
        boolean kill = cancelled && !run.switched;
        List<Upstream> keep = run.routed == null ? List.of() : run.routed;
        if (run.switched && plan.restoreRoute() != null) {
            Step.SwitchTraffic back = plan.restoreRoute();
            quietly(() -> traffic.route(run.app, back.hosts(), back.upstreams()));
            keep = back.upstreams();
        }
        Set<Integer> routedPorts = new HashSet<>();
        keep.forEach(upstream -> routedPorts.add(upstream.port()));
        List<DynoSpec> newestFirst = new ArrayList<>(run.started);
        java.util.Collections.reverse(newestFirst);
        for (DynoSpec spec : newestFirst) {
            if (spec.hostPort() == null || !routedPorts.contains(spec.hostPort())) {
                quietly(() -> supervisor.remove(unitOf(run.app, spec), kill));
            }
        }
    }

    /** The unit the supervisor gave this spec: found by identity, the suggested name when not listed. */
    String unitOf(String app, DynoSpec spec) {
        try {
            for (DynoState state : supervisor.list(app)) {
                if (state.release() == spec.release() && state.type().equals(spec.type())
                        && state.number() == spec.number()
                        && java.util.Objects.equals(state.hostPort(), spec.hostPort())) {
                    return state.unit();
                }
            }
        } catch (RuntimeException e) {
            // fall back to the suggested name below
        }
        return spec.unitName();
    }

    private List<String> lastLines(String app, DynoSpec spec) {
        if (spec == null || failureLogLines <= 0) {
            return List.of();
        }
        try {
            return supervisor.lastLogLines(unitOf(app, spec), failureLogLines);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private static DynoSpec dynoOf(Step step) {
        return switch (step) {
            case Step.StartDyno start -> start.spec();
            case Step.AwaitHealthy await -> await.spec();
            default -> null;
        };
    }

    private static String reasonOf(Step step, RuntimeException e) {
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return switch (step) {
            case Step.PullImage pull -> "pulling " + pull.image() + " failed: " + detail;
            case Step.StartDyno start -> name(start.spec()) + " did not start: " + detail;
            case Step.AwaitHealthy await -> name(await.spec()) + " is unhealthy: " + detail;
            default -> step.describe() + " failed: " + detail;
        };
    }

    private static String name(DynoSpec spec) {
        return spec.dynoName() + " (v" + spec.release() + (spec.hostPort() == null ? "" : ", port " + spec.hostPort())
                + ")";
    }

    /** Undo goes on when one removal fails: the next start's recovery removes what is left. */
    private static void quietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            System.getLogger(PlanExecutor.class.getName())
                    .log(System.Logger.Level.WARNING, "undo step failed: " + e.getMessage());
        }
    }
}
