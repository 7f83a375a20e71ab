package win.pvdify.commands;

import win.pvdify.ops.Refused;
import win.pvdify.store.Store;
import win.pvdify.store.StoredApp;

/** The checks every change of an app makes (one place for "is being deleted"). */
final class AppChecks {
    static final String DELETING = "deleting";

    private AppChecks() {
    }

    static void notDeleting(StoredApp app) {
        if (DELETING.equals(app.status())) {
            throw Refused.conflict("app " + app.name() + " is being deleted");
        }
    }

    /** At an operation's turn: the app still exists (a delete queued earlier may have removed it). */
    static StoredApp stillThere(Store store, String app) {
        return store.apps().find(app).filter(a -> !DELETING.equals(a.status()))
                .orElseThrow(() -> new win.pvdify.ops.OperationFailed(409, "app " + app + " was deleted"));
    }
}
