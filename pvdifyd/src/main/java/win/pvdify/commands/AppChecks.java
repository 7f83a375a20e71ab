package win.pvdify.commands;

import win.pvdify.api.App;
import win.pvdify.ops.Refused;
import win.pvdify.store.Store;
import win.pvdify.store.StoredApp;

/** The checks every change of an app makes (one place for "is being deleted"). */
final class AppChecks {
    private AppChecks() {
    }

    static void notDeleting(StoredApp app) {
        if (app.status() == App.Status.DELETING) {
            throw Refused.conflict("app " + app.name() + " is being deleted");
        }
    }

    /** At an operation's turn: the app still exists (a delete queued earlier may have removed it). */
    static StoredApp stillThere(Store store, String app) {
        return store.apps().find(app).filter(a -> a.status() != App.Status.DELETING)
                .orElseThrow(() -> new win.pvdify.ops.OperationFailed(409, "app " + app + " was deleted"));
    }
}
