package win.pvdify.http;

import java.util.function.Consumer;
import java.util.function.Supplier;
import win.pvdify.api.DeployProgress;
import win.pvdify.api.Release;
import win.pvdify.auth.Caller;
import win.pvdify.engine.AppRuntime;
import win.pvdify.engine.ReleaseLedger;
import win.pvdify.store.Store;

/**
 * Records releases and hands them to the runtime: shared by deploy, config changes and rollback
 * (Heroku semantics: each makes a new release that then runs).
 */
public final class ReleaseFlow {
    private final Store store;
    private final ReleaseLedger ledger;
    private final AppRuntime runtime;

    public ReleaseFlow(Store store, ReleaseLedger ledger, AppRuntime runtime) {
        this.store = store;
        this.ledger = ledger;
        this.runtime = runtime;
    }

    /** A new pending release, with its platform log line. */
    public Release record(String app, String image, int configVersion, String description, Caller by,
                         Integer rollbackOf) {
        return store.db().write(ctx -> {
            Release r = store.releases().create(app, image, configVersion, description, by.displayName(), rollbackOf,
                    "pending");
            store.events().add(app, "api", "Release v" + r.version() + " created by " + by.displayName() + ": "
                    + description);
            return r;
        });
    }

    /** Runs the release (or, without an image, makes it current at once); returns it as it ended. */
    public Release run(String app, Release release, Consumer<DeployProgress> progress) {
        if (release.image() == null) {
            ledger.markCurrent(app, release.version(), null);
            return reload(app, release.version());
        }
        try {
            runtime.deploy(app, release.version(), progress);
        } catch (ApiProblem p) {
            throw p;
        } catch (RuntimeException e) {
            Release now = reload(app, release.version());
            if (!"current".equals(now.status()) && !"failed".equals(now.status())) {
                ledger.markFailed(app, release.version(), "the runtime failed: " + e.getMessage());
            }
            throw ApiProblem.unavailable("deploying v" + release.version() + " failed: the runtime is not available ("
                    + e.getMessage() + ")");
        }
        return reload(app, release.version());
    }

    /** Whether the app has a release with an image to run. */
    public boolean deployed(String app) {
        return ledger.desired(app).map(d -> d.image() != null).orElse(false);
    }

    public Release reload(String app, int version) {
        return store.releases().find(app, version).orElseThrow().release();
    }

    /** Calls the runtime; its failures (Podman down, systemd gone) become 503 with the reason. */
    public static <T> T guarded(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (ApiProblem p) {
            throw p;
        } catch (win.pvdify.engine.PlanException e) {
            // the engine cannot do this with the app as it is (nothing deployed, no such dynos)
            throw ApiProblem.conflict(what + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw ApiProblem.unavailable(what + " failed: the runtime is not available (" + e.getMessage() + ")");
        }
    }

    public static void guarded(String what, Runnable call) {
        guarded(what, () -> {
            call.run();
            return null;
        });
    }

    public AppRuntime runtime() {
        return runtime;
    }
}
