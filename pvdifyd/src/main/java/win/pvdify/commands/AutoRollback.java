package win.pvdify.commands;

import java.util.List;
import win.pvdify.api.App;
import win.pvdify.api.Release;
import win.pvdify.engine.AutoRollbacks;
import win.pvdify.store.Store;
import win.pvdify.store.StoredApp;
import win.pvdify.store.StoredOperation;

/**
 * Automatic rollback (the liveness monitor's settling watch calls it): the bad release is marked failed with the
 * reason and its dyno's last lines, then an ordinary rollback operation to the last good release before it is
 * queued, with its own events. Nothing happens while the app has another operation queued or running (its owner
 * is acting), when the release is no longer current, or when there is nothing earlier to go back to.
 */
public final class AutoRollback implements AutoRollbacks {
    static final String BY = "pvdify (automatic rollback)";

    private final Store store;
    private final ReleaseChanges releases;
    private final win.pvdify.ops.OperationQueue queue;

    public AutoRollback(Store store, ReleaseChanges releases, win.pvdify.ops.OperationQueue queue) {
        this.store = store;
        this.releases = releases;
        this.queue = queue;
    }

    @Override
    public String rollBack(String app, int badRelease, String reason, List<String> lastLines) {
        StoredApp a = store.apps().find(app).filter(x -> x.status() != App.Status.DELETING).orElse(null);
        if (a == null || a.currentRelease() == null || a.currentRelease() != badRelease) {
            return null;
        }
        if (!queue.idle(app)) {
            return null;
        }
        Release target = store.releases().previousGood(app, badRelease).orElse(null);
        if (target == null) {
            return null;
        }
        StringBuilder why = new StringBuilder("rolled back automatically: ").append(reason);
        if (!lastLines.isEmpty()) {
            why.append("\nLast lines:\n").append(String.join("\n", lastLines));
        }
        store.releases().setStatus(app, badRelease, Release.Status.FAILED, why.toString());
        StoredOperation op = releases.rollback(a, target.version(), BY,
                "Automatic rollback to v" + target.version() + ": " + reason);
        return "rolling back to v" + target.version() + " (operation " + op.id() + ")";
    }
}
