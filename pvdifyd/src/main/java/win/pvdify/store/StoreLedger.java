package win.pvdify.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import win.pvdify.api.App;
import win.pvdify.api.Domain;
import win.pvdify.api.Release;
import win.pvdify.engine.DesiredApp;
import win.pvdify.engine.ReleaseLedger;

/** The engine's view of the store: desired state with decrypted config, and release status transitions. */
public final class StoreLedger implements ReleaseLedger {
    private final Store store;

    public StoreLedger(Store store) {
        this.store = store;
    }

    @Override
    public List<String> appNames() {
        return store.apps().namesNotDeleting();
    }

    @Override
    public Optional<DesiredApp> desired(String app, int release) {
        return store.db().read(ctx -> store.apps().find(app).flatMap(a ->
                store.releases().find(app, release).map(r -> build(a, r.release()))));
    }

    @Override
    public Optional<DesiredApp> desired(String app) {
        return store.db().read(ctx -> store.apps().find(app).map(a -> {
            if (a.currentRelease() == null) {
                return build(a, null);
            }
            // A config change before any deploy makes an image-less release (Heroku numbering); for the engine
            // that is still "nothing deployed".
            return store.releases().find(app, a.currentRelease()).filter(r -> r.release().image() != null)
                    .map(r -> build(a, r.release())).orElseGet(() -> build(a, null));
        }));
    }

    private DesiredApp build(StoredApp app, Release release) {
        int configVersion = release == null ? store.config().latestVersion(app.name()) : release.configVersion();
        Map<String, String> env = new TreeMap<>(store.config().vars(app.name(), configVersion));
        // The platform decides PORT: the proxy dials bind_port, so the app must listen there.
        env.put("PORT", Integer.toString(app.bindPort()));
        List<String> hosts = new ArrayList<>();
        for (Domain d : store.domains().list(app.name())) {
            hosts.add(d.hostname());
        }
        return new DesiredApp(app.name(), release == null ? null : release.version(),
                release == null ? null : release.image(), env, store.formation().list(app.name()), app.bindPort(),
                app.resources(), healthcheck(app, release), app.readOnly(), hosts);
    }

    /** checks:set's settings over the web startup check of the release's app.json. */
    private win.pvdify.api.Healthcheck healthcheck(StoredApp app, Release release) {
        if (release == null) {
            return app.healthcheck();
        }
        String json = store.releases().appJson(app.name(), release.version()).orElse(null);
        return win.pvdify.appjson.AppJsonChecks.layered(app.healthcheck(),
                win.pvdify.appjson.AppJsonChecks.deployCheck(win.pvdify.appjson.AppJsonChecks.stored(json)));
    }

    @Override
    public List<StuckRelease> stuckReleases() {
        return store.releases().inStatus(Release.Status.PENDING, Release.Status.DEPLOYING).stream()
                .map(r -> new StuckRelease(r.app(), r.release().version())).toList();
    }

    @Override
    public void markDeploying(String app, int release) {
        store.releases().setStatus(app, release, Release.Status.DEPLOYING, null);
    }

    @Override
    public void markCurrent(String app, int release, String imageDigest) {
        store.db().write(ctx -> {
            var target = store.releases().find(app, release).orElse(null);
            var owner = store.apps().find(app).orElse(null);
            if (target == null || owner == null) {
                return null;
            }
            Integer old = owner.currentRelease();
            boolean oldFailed = old != null && store.releases().find(app, old)
                    .map(r -> Release.Status.FAILED.is(r.release().status())).orElse(false);
            if (old != null && old != release && !oldFailed) { // an automatic rollback's bad release stays failed
                store.releases().setStatus(app, old,
                        target.rollbackOf() != null ? Release.Status.ROLLED_BACK : Release.Status.SUPERSEDED, null);
            }
            store.releases().setStatus(app, release, Release.Status.CURRENT, null);
            if (imageDigest != null) {
                store.releases().setDigest(app, release, imageDigest);
            }
            store.apps().setCurrentRelease(app, release);
            return null;
        });
    }

    @Override
    public Optional<CurrentRelease> currentRelease(String app) {
        return store.db().read(ctx -> store.apps().find(app).filter(a -> a.currentRelease() != null)
                .flatMap(a -> store.releases().find(app, a.currentRelease()))
                .filter(r -> r.release().image() != null)
                .map(r -> new CurrentRelease(r.release().version(),
                        store.releases().becameCurrentAt(app, r.release().version()).orElse(null),
                        r.rollbackOf() != null, r.release().status())));
    }

    @Override
    public void markFailed(String app, int release, String reason) {
        store.releases().setStatus(app, release, Release.Status.FAILED, reason);
    }

    @Override
    public void setAppStatus(String app, App.Status status) {
        store.apps().setStatus(app, status);
    }

    @Override
    public void event(String app, String source, String message) {
        if (store.apps().exists(app)) {
            store.events().add(app, source, message);
        }
    }
}
