package win.pvdify.commands;

import win.pvdify.api.Domain;
import win.pvdify.api.FormationEntry;
import win.pvdify.ops.Refused;
import win.pvdify.store.Store;
import win.pvdify.store.StoredApp;

/**
 * Creating an app and changing its settings: instant changes of desired state, no operation (nothing runs until
 * a deploy; settings apply from the next deploy or restart, as the dashboard says).
 */
public final class AppSetup {
    private final Store store;
    private final String baseDomain;

    public AppSetup(Store store, String baseDomain) {
        this.store = store;
        this.baseDomain = baseDomain;
    }

    /** A new app (name and environment valid): its first config version, web=1 and its default domain. */
    public StoredApp create(String name, String environment, String by) {
        String host = name + "." + baseDomain;
        store.db().write(ctx -> {
            if (store.apps().exists(name)) {
                throw Refused.conflict("an app named '" + name + "' already exists");
            }
            store.domains().find(host).ifPresent(d -> {
                throw Refused.conflict("the domain " + host + " is already used by app " + d.app());
            });
            store.operations().forget(name); // a deleted app of the same name: its history is not this app's
            store.apps().insert(name, environment);
            store.config().createInitial(name);
            store.formation().upsert(name, new FormationEntry("web", 1, null));
            store.domains().insert(name, host, Domain.Kind.DEFAULT, null);
            store.events().add(name, "api", "App created by " + by);
            return null;
        });
        return store.apps().find(name).orElseThrow();
    }

    /** Stores validated settings (bind port, environment, resources, health check, read-only). */
    public StoredApp changeSettings(StoredApp changed, String by) {
        AppChecks.notDeleting(store.apps().find(changed.name())
                .orElseThrow(() -> Refused.notFound("no app named '" + changed.name() + "'")));
        store.db().write(ctx -> {
            store.apps().updateSettings(changed);
            store.events().add(changed.name(), "api", "Settings changed by " + by);
            return null;
        });
        return store.apps().find(changed.name()).orElseThrow();
    }
}
