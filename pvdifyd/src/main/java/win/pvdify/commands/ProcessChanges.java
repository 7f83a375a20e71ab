package win.pvdify.commands;

import java.util.Collection;
import win.pvdify.api.FormationEntry;
import win.pvdify.engine.PlanException;
import win.pvdify.ops.OperationContext;
import win.pvdify.ops.OperationFailed;
import win.pvdify.ops.OperationKind;
import win.pvdify.ops.OperationQueue;
import win.pvdify.ops.OperationRequest;
import win.pvdify.ops.OperationWork;
import win.pvdify.ops.Refused;
import win.pvdify.store.Store;
import win.pvdify.store.StoredApp;
import win.pvdify.store.StoredOperation;

/** Scale and restart: the formation is desired state (recorded at once); the operation converges the dynos. */
public final class ProcessChanges {
    private final Store store;
    private final ReleaseRuns runs;
    private final OperationQueue queue;

    public ProcessChanges(Store store, ReleaseRuns runs, OperationQueue queue) {
        this.store = store;
        this.runs = runs;
        this.queue = queue;
    }

    /** Records the new counts (validated) and queues bringing the dynos in line. */
    public StoredOperation scale(StoredApp app, Collection<FormationEntry> updates, String by) {
        AppChecks.notDeleting(app);
        String what = "Scale to " + String.join(", ", updates.stream().map(e -> e.type() + "=" + e.count()).toList());
        return queue.submit(app.name(), OperationKind.SCALE, by, () -> {
            updates.forEach(e -> store.formation().upsert(app.name(), e));
            store.events().add(app.name(), "api", what + " by " + by);
            return new OperationRequest(what, ReleaseChanges.params());
        });
    }

    /** Queues a restart of the app's dynos (type null = every type). */
    public StoredOperation restart(StoredApp app, String type, String by) {
        AppChecks.notDeleting(app);
        if (type != null && store.formation().list(app.name()).stream().noneMatch(f -> f.type().equals(type))) {
            throw Refused.notFound("app " + app.name() + " has no process type " + type);
        }
        String what = "Restart " + (type == null ? "all dynos" : type);
        return queue.submit(app.name(), OperationKind.RESTART, by, () -> {
            store.events().add(app.name(), "api", what + " by " + by);
            return new OperationRequest(what, ReleaseChanges.params("type", type));
        });
    }

    /**
     * Queues stopping a dyno ("web.1") or a type's dynos ("web"): they stop (drained web dynos first; force kills at
     * once) and the formation starts fresh ones. A restart operation with the dyno as its "stop" param.
     */
    public StoredOperation stop(StoredApp app, String dyno, boolean force, String by) {
        AppChecks.notDeleting(app);
        String type = dyno.contains(".") ? dyno.substring(0, dyno.indexOf('.')) : dyno;
        if (store.formation().list(app.name()).stream().noneMatch(f -> f.type().equals(type))) {
            throw Refused.notFound("app " + app.name() + " has no process type " + type);
        }
        String what = (force ? "Force-stop " : "Stop ") + dyno;
        return queue.submit(app.name(), OperationKind.RESTART, by, () -> {
            store.events().add(app.name(), "api", what + " by " + by);
            return new OperationRequest(what, ReleaseChanges.params("stop", dyno, "force", String.valueOf(force)));
        });
    }

    OperationWork work(StoredOperation op) {
        if (op.kind() == OperationKind.SCALE) {
            return this::converge;
        }
        if (op.param("stop") != null) {
            return ctx -> stop(ctx, op.param("stop"), Boolean.parseBoolean(op.param("force")));
        }
        return ctx -> restart(ctx, op.param("type"));
    }

    private void stop(OperationContext ctx, String dyno, boolean force) {
        String app = AppChecks.stillThere(store, ctx.operation().app()).name();
        ctx.event("drain", force ? "Killing " + dyno + " at once (requests in flight drop)"
                : "Taking " + dyno + " out of the route, draining, stopping it");
        runtime("stopping " + dyno, () -> runs.runtime().stop(app, dyno, force));
        ctx.event("start", "Fresh dynos started in place of " + dyno);
    }

    private void converge(OperationContext ctx) {
        String app = AppChecks.stillThere(store, ctx.operation().app()).name();
        if (!runs.deployed(app)) {
            ctx.event("info", "Recorded; dynos start with the first deploy");
            return; // Heroku does the same before the first deploy
        }
        ctx.event("start", "Bringing dynos in line with the formation");
        runtime("scaling " + app, () -> runs.runtime().applyFormation(app));
    }

    private void restart(OperationContext ctx, String type) {
        String app = AppChecks.stillThere(store, ctx.operation().app()).name();
        ctx.event("start", "Restarting " + (type == null ? "all dynos" : type + " dynos"));
        runtime("restarting " + app, () -> runs.runtime().restart(app, type));
    }

    /** Runtime failures as operation failures: 409 the app cannot (nothing deployed), 503 the runtime is down. */
    static void runtime(String what, Runnable call) {
        try {
            call.run();
        } catch (PlanException e) {
            throw new OperationFailed(409, what + ": " + e.getMessage());
        } catch (OperationFailed e) {
            throw e;
        } catch (RuntimeException e) {
            throw new OperationFailed(503, what + " failed: the runtime is not available (" + e.getMessage() + ")");
        }
    }
}
