package win.pvdify.commands;

import win.pvdify.api.App;
import win.pvdify.api.Domain;
import win.pvdify.ops.OperationContext;
import win.pvdify.ops.OperationFailed;
import win.pvdify.ops.OperationKind;
import win.pvdify.ops.OperationQueue;
import win.pvdify.ops.OperationRequest;
import win.pvdify.ops.OperationWork;
import win.pvdify.routing.DomainHook;
import win.pvdify.store.Store;
import win.pvdify.store.StoredApp;
import win.pvdify.store.StoredOperation;

/**
 * Deleting an app: marked deleting at once (no new change is accepted), then the operation removes dynos,
 * units, routes, env files and DNS records and finally the app's rows. Running it again finishes a
 * half-done delete (after a crash), so it is idempotent.
 */
public final class AppRemoval {
    private final Store store;
    private final ReleaseRuns runs;
    private final OperationQueue queue;
    private final DomainHook hook;
    private final CronJobs cron;

    private final java.util.function.Consumer<String> leftovers;

    public AppRemoval(Store store, ReleaseRuns runs, OperationQueue queue, DomainHook hook, CronJobs cron) {
        this(store, runs, queue, hook, cron, app -> { });
    }

    /** leftovers: removes what the app left besides dynos and routes (build sources, built images, git repo). */
    public AppRemoval(Store store, ReleaseRuns runs, OperationQueue queue, DomainHook hook, CronJobs cron,
                      java.util.function.Consumer<String> leftovers) {
        this.leftovers = leftovers;
        this.cron = cron;
        this.store = store;
        this.runs = runs;
        this.queue = queue;
        this.hook = hook;
    }

    public StoredOperation delete(StoredApp app, String by) {
        return delete(app, false, by);
    }

    /**
     * force: for a stuck app. The app's other operations are cancelled (queued ones end, a running deploy stops), no
     * drain, and the dynos are killed instead of stopped: requests in flight drop.
     */
    public StoredOperation delete(StoredApp app, boolean force, String by) {
        StoredOperation op = queue.submit(app.name(), OperationKind.APP_DELETE, by, () -> {
            store.apps().setStatus(app.name(), App.Status.DELETING);
            return new OperationRequest((force ? "Force-delete app " : "Delete app ") + app.name(),
                    force ? ReleaseChanges.params("force", "true") : ReleaseChanges.params());
        });
        if (force) {
            queue.cancelAll(app.name(), op.id(), by + " (force delete)");
        }
        return op;
    }

    OperationWork work(StoredOperation op) {
        boolean force = Boolean.parseBoolean(op.param("force"));
        return ctx -> remove(ctx, force);
    }

    private void remove(OperationContext ctx, boolean force) {
        String app = ctx.operation().app();
        if (store.apps().find(app).isEmpty()) {
            ctx.event("info", "App " + app + " is already gone");
            return;
        }
        if (force) {
            ctx.event("remove", "Killing every dyno of " + app + " at once (no drain: requests in flight drop)"
                    + " and removing its route");
        } else {
            ctx.event("remove", "Removing the route of " + app + ", draining, then stopping every dyno");
        }
        cron.removeAll(app); // first: no timer may start a run of an app whose dynos are going
        ProcessChanges.runtime("removing " + app, () -> runs.runtime().remove(app, force));
        for (Domain d : store.domains().list(app)) {
            if (Domain.Kind.CUSTOM.is(d.kind())) {
                ctx.event("dns", "Removing the domain " + d.hostname());
                try {
                    hook.onRemoved(app, d.hostname(), d.dnsRecordId());
                } catch (RuntimeException e) {
                    throw new OperationFailed(503, "removing the domain " + d.hostname() + " failed: " + e.getMessage());
                }
            }
        }
        try {
            leftovers.accept(app);
        } catch (RuntimeException e) {
            ctx.event("warning", "some build files or images of " + app + " were not removed: " + e.getMessage());
        }
        store.apps().delete(app);
        ctx.event("remove", "App " + app + " deleted");
    }
}
