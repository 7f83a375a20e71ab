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
        for (Step step : plan.steps()) {
            try {
                if (!run.current && cancelled.getAsBoolean()) {
                    throw new Cancelled();
                }
                run.apply(step);
            } catch (RuntimeException e) {
                List<String> lines = e instanceof Cancelled ? List.of() : lastLines(app, dynoOf(step));
                undo(run, plan, e instanceof Cancelled);
                throw new StepFailed(step, e instanceof Cancelled ? CANCELLED : reasonOf(step, e), lines, e);
            }
        }
        return run.digest;
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
                    say(Stage.DRAIN, "Draining old dynos for " + drain.duration().toMillis() + " ms");
                    sleeper.sleep(drain.duration());
                }
                case Step.RemoveDyno remove -> {
                    say(Stage.DRAIN, (remove.force() ? "Killing " : "Stopping ") + remove.unit());
                    supervisor.remove(remove.unit(), remove.force());
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

        void say(Stage stage, String message) {
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
