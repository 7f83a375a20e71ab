package win.pvdify.commands;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import win.pvdify.api.DeployProgress;
import win.pvdify.api.Release;
import win.pvdify.engine.AppRuntime;
import win.pvdify.engine.ReleaseLedger;
import win.pvdify.store.Store;

/**
 * Records releases and hands them to the runtime: shared by deploy, config changes and rollback
 * (Heroku semantics: each makes a new release that then runs).
 */
public final class ReleaseRuns {
    private final Store store;
    private final ReleaseLedger ledger;
    private final AppRuntime runtime;

    public ReleaseRuns(Store store, ReleaseLedger ledger, AppRuntime runtime) {
        this.store = store;
        this.ledger = ledger;
        this.runtime = runtime;
    }

    /** A new pending release, with its platform log line. */
    public Release record(String app, String image, int configVersion, String description, String by,
                          Integer rollbackOf) {
        return store.db().write(ctx -> {
            Release r = store.releases().create(app, image, configVersion, description, by, rollbackOf,
                    Release.Status.PENDING);
            store.events().add(app, "api", "Release v" + r.version() + " created by " + by + ": " + description);
            return r;
        });
    }

    /** Runs the release (or, without an image, makes it current at once); returns it as it ended. */
    public Release run(String app, Release release, Consumer<DeployProgress> progress, BooleanSupplier cancelled) {
        if (release.image() == null) {
            ledger.markCurrent(app, release.version(), null);
            return reload(app, release.version());
        }
        try {
            runtime.deploy(app, release.version(), progress, cancelled);
        } catch (RuntimeException e) {
            Release now = reload(app, release.version());
            if (!Release.Status.ended(now.status())) {
                ledger.markFailed(app, release.version(), "the runtime failed: " + e.getMessage());
            }
            throw new win.pvdify.ops.OperationFailed(503, "deploying v" + release.version()
                    + " failed: the runtime is not available (" + e.getMessage() + ")");
        }
        return reload(app, release.version());
    }

    /** Marks a release that never ran as failed (its release phase failed): the old one keeps serving. */
    public void fail(String app, int version, String reason) {
        ledger.markFailed(app, version, reason);
    }

    /** Whether the app has a release with an image to run. */
    public boolean deployed(String app) {
        return ledger.desired(app).map(d -> d.image() != null).orElse(false);
    }

    private Release reload(String app, int version) {
        return store.releases().find(app, version).orElseThrow().release();
    }

    public AppRuntime runtime() {
        return runtime;
    }
}
