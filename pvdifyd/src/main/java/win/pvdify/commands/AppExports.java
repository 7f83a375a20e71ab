package win.pvdify.commands;

import java.util.List;

import java.util.Locale;
import java.util.Optional;
import win.pvdify.container.DynoIsolation;
import win.pvdify.engine.DesiredApp;
import win.pvdify.engine.RegistryLogins;
import win.pvdify.engine.ReleaseLedger;
import win.pvdify.kube.KubeApp;
import win.pvdify.kube.KubeApps;
import win.pvdify.kube.KubeManifests;
import win.pvdify.kube.KubeOptions;
import win.pvdify.kube.KubeYaml;
import win.pvdify.store.Store;

/**
 * Exports an app's current release for another engine (issue 15): today Kubernetes manifests. A read: no
 * operation, nothing changes. The caller has checked who may see secrets before asking for them.
 */
public final class AppExports {
    private final Store store;
    private final ReleaseLedger ledger;
    private final RegistryLogins logins;
    private final DynoIsolation isolation;

    /** The formats an export can have. */
    public enum Format {
        KUBE;

        public static Optional<Format> fromWire(String wire) {
            for (Format f : values()) {
                if (f.name().toLowerCase(Locale.ROOT).equals(wire)) {
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        }
    }

    /** Why an app cannot be exported as it is (nothing deployed yet). */
    public static final class NothingToExport extends RuntimeException {
        NothingToExport(String message) {
            super(message, null, false, false);
        }
    }

    /** isolation: the daemon's dyno isolation (its capabilities and default memory limit carry over). */
    public AppExports(Store store, ReleaseLedger ledger, RegistryLogins logins, DynoIsolation isolation) {
        this.store = store;
        this.ledger = ledger;
        this.logins = logins;
        this.isolation = isolation;
    }

    /**
     * The Procfile `release:` command of the newest build of this image (its operation keeps the Procfile), or
     * null: an image deployed from elsewhere has none.
     */
    private String releaseCommand(String app, String image) {
        return store.builds().list(app, 100).stream()
                .filter(b -> image.equals(b.image()) && b.operation() != null)
                .findFirst()
                .flatMap(b -> store.operations().find(b.operation()))
                .map(op -> op.param("procfile"))
                .map(text -> win.pvdify.build.Procfile.parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .release())
                .orElse(null);
    }

    /** The app's current release as a multi-document Kubernetes YAML stream. */
    public String kube(String app, KubeOptions options) {
        DesiredApp desired = ledger.desired(app).orElseThrow(() -> new NothingToExport("no app named " + app));
        if (desired.release() == null || desired.image() == null) {
            throw new NothingToExport(app + " has nothing deployed yet: deploy a release first");
        }
        String digest = store.releases().find(app, desired.release()).map(r -> r.release().imageDigest())
                .orElse(null);
        RegistryLogins.Login login = logins.forRegistry(KubeApps.registry(desired.image())).orElse(null);
        List<KubeApp.AddonService> addons = store.addons().forApp(app).stream()
                .map(a -> new KubeApp.AddonService(a, options.includeSecrets() ? store.addons().password(a.name())
                        : null)).toList();
        KubeApp model = KubeApps.of(desired, digest, store.cron().list(app), login, isolation, options, addons,
                releaseCommand(app, desired.image()));
        return KubeYaml.write(KubeManifests.render(model));
    }
}
