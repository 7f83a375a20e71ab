package win.pvdify.commands;

import win.pvdify.api.Maintenance;
import win.pvdify.ops.OperationContext;
import win.pvdify.ops.OperationKind;
import win.pvdify.ops.OperationQueue;
import win.pvdify.ops.OperationWork;
import win.pvdify.store.Store;
import win.pvdify.store.StoredApp;
import win.pvdify.store.StoredOperation;

/**
 * Maintenance mode (Heroku's): while on, the app's hosts answer a 503 page and its dynos keep running. Switching is
 * an operation in the app's queue: it records the mode, then re-pushes the app's route, which RouteSync renders with
 * the page (MaintenancePages reads this table). Deploys and rollbacks keep updating the route's upstreams, so
 * turning it off serves the newest release at once.
 */
public final class MaintenanceChanges {
    private final Store store;
    private final ReleaseRuns runs;
    private final OperationQueue queue;

    public MaintenanceChanges(Store store, ReleaseRuns runs, OperationQueue queue) {
        this.store = store;
        this.runs = runs;
        this.queue = queue;
    }

    /** The app's mode as stored now. */
    public Maintenance state(String app) {
        return store.maintenance().find(app)
                .map(m -> new Maintenance(true, m.message(), m.retryAfter()))
                .orElse(new Maintenance(false, null, null));
    }

    /** Queues switching the mode; message and retryAfter are valid (MaintenancePage.problem) and only used when on. */
    public StoredOperation change(StoredApp app, boolean enabled, String message, Integer retryAfter, String by) {
        AppChecks.notDeleting(app);
        return queue.submit(app.name(), OperationKind.MAINTENANCE,
                enabled ? "Maintenance mode on" : "Maintenance mode off", by,
                ReleaseChanges.params("enabled", String.valueOf(enabled), "message", enabled ? message : null,
                        "retry_after", enabled && retryAfter != null ? String.valueOf(retryAfter) : null));
    }

    OperationWork work(StoredOperation op) {
        boolean enabled = Boolean.parseBoolean(op.param("enabled"));
        String retryAfter = op.param("retry_after");
        return ctx -> apply(ctx, enabled, op.param("message"), retryAfter == null ? null : Integer.valueOf(retryAfter));
    }

    private void apply(OperationContext ctx, boolean enabled, String message, Integer retryAfter) {
        String app = AppChecks.stillThere(store, ctx.operation().app()).name();
        String by = ctx.operation().createdBy();
        store.db().write(tx -> {
            if (enabled) {
                store.maintenance().turnOn(app, message, retryAfter, by);
            } else {
                store.maintenance().turnOff(app);
            }
            store.events().add(app, "api", "Maintenance mode " + (enabled ? "on" : "off") + " by " + by);
            return null;
        });
        if (!runs.deployed(app)) {
            ctx.event("info", "Recorded; nothing is deployed yet, so " + app + " has no route to change");
            return;
        }
        ctx.event("switch", enabled ? "Answering every host of " + app + " with the maintenance page (503)"
                : "Routing " + app + " to its web dynos again");
        ProcessChanges.runtime("routing " + app, () -> runs.runtime().refreshRoutes(app));
    }
}
