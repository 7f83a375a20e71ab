package win.pvdify.commands;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import win.pvdify.addon.Addon;
import win.pvdify.addon.AddonAddress;
import win.pvdify.addon.AddonKind;
import win.pvdify.addon.AddonRuntime;
import win.pvdify.addon.AddonSettings;
import win.pvdify.addon.AddonUrl;
import win.pvdify.ops.OperationContext;
import win.pvdify.ops.OperationFailed;
import win.pvdify.ops.OperationKind;
import win.pvdify.ops.OperationQueue;
import win.pvdify.ops.OperationRequest;
import win.pvdify.ops.OperationWork;
import win.pvdify.ops.Refused;
import win.pvdify.store.Store;
import win.pvdify.store.StoredApp;
import win.pvdify.store.StoredOperation;

/**
 * Add-ons: create, attach, detach, restart and destroy are operations in an app's queue (create, attach, detach:
 * the app that gets or loses the URL; restart, destroy: the app the add-on was created for). The URL reaches an
 * app as a config var through the ordinary config change (a new release); add-ons themselves are never part of
 * a release, so deploys and rollbacks leave them and their data alone.
 */
public final class AddonChanges {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Store store;
    private final AddonRuntime runtime;
    private final OperationQueue queue;
    private final ReleaseChanges releases;
    private final AddonSettings settings;
    private final AddonBackups backups;

    public AddonChanges(Store store, AddonRuntime runtime, OperationQueue queue, ReleaseChanges releases,
                        AddonSettings settings, AddonBackups backups) {
        this.backups = backups;
        this.store = store;
        this.runtime = runtime;
        this.queue = queue;
        this.releases = releases;
        this.settings = settings;
    }

    public List<Addon> list(String app) {
        return app == null ? store.addons().list() : store.addons().forApp(app);
    }

    public Addon find(String name) {
        String problem = Addon.nameProblem(name);
        return store.addons().find(name).filter(a -> problem == null)
                .orElseThrow(() -> Refused.notFound("no add-on " + win.pvdify.names.Shown.of(name)));
    }

    public String state(Addon addon) {
        try {
            return runtime.state(addon.container());
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    public AddonSettings settings() {
        return settings;
    }

    /**
     * Records the add-on (name, kind, version, image, a new password) and queues its creation with the app's
     * attachment. kind, version, name and as were checked by the caller; null version = the default, null name =
     * generated from the app and kind, null as = DATABASE_URL / REDIS_URL (or NAME_URL when that one is taken).
     */
    public StoredOperation create(StoredApp app, AddonKind kind, String version, String name, String as, String by) {
        AppChecks.notDeleting(app);
        String v = version == null ? settings.defaultVersion(kind) : version;
        String image = settings.image(kind, v).orElseThrow(() -> Refused.invalid("unknown " + kind.wire()
                + " version " + win.pvdify.names.Shown.of(v) + " (known: " + String.join(", ", kind.versions()) + ")"));
        return queue.submit(app.name(), OperationKind.ADDON_CREATE, by, () -> {
            String n = name != null ? name : freeName(app.name(), kind);
            if (store.addons().find(n).isPresent()) {
                throw Refused.conflict("add-on " + n + " already exists");
            }
            String var = var(app.name(), kind, n, as);
            store.addons().create(n, kind, v, image, app.name(), password());
            return new OperationRequest("Create " + kind.wire() + " " + v + " add-on " + n + " as " + var,
                    ReleaseChanges.params("addon", n, "var", var));
        });
    }

    /** Queues attaching the add-on to another app (as: the config var, null = the kind's default). */
    public StoredOperation attach(Addon addon, StoredApp app, String as, String by) {
        AppChecks.notDeleting(app);
        if (addon.attachments().stream().anyMatch(a -> a.app().equals(app.name()))) {
            throw Refused.conflict("add-on " + addon.name() + " is already attached to " + app.name());
        }
        String var = var(app.name(), addon.kind(), addon.name(), as);
        return queue.submit(app.name(), OperationKind.ADDON_ATTACH, "Attach add-on " + addon.name() + " as " + var,
                by, ReleaseChanges.params("addon", addon.name(), "var", var));
    }

    public StoredOperation detach(Addon addon, StoredApp app, String by) {
        AppChecks.notDeleting(app);
        if (addon.attachments().stream().noneMatch(a -> a.app().equals(app.name()))) {
            throw Refused.notFound("add-on " + addon.name() + " is not attached to " + app.name());
        }
        return queue.submit(app.name(), OperationKind.ADDON_DETACH, "Detach add-on " + addon.name(), by,
                ReleaseChanges.params("addon", addon.name()));
    }

    public StoredOperation restart(Addon addon, String by) {
        return queue.submit(addon.app(), OperationKind.ADDON_RESTART, "Restart add-on " + addon.name(), by,
                ReleaseChanges.params("addon", addon.name()));
    }

    /** confirm must be the add-on's name (checked by the caller: 400 otherwise). */
    public StoredOperation destroy(Addon addon, String by) {
        return queue.submit(addon.app(), OperationKind.ADDON_DESTROY, "Destroy add-on " + addon.name(), by,
                ReleaseChanges.params("addon", addon.name()));
    }

    OperationWork work(StoredOperation op) {
        return switch (op.kind()) {
            case ADDON_CREATE, ADDON_ATTACH -> ctx -> {
                StoredApp app = AppChecks.stillThere(store, op.app());
                Addon addon = stored(op.param("addon"));
                if (op.kind() == OperationKind.ADDON_CREATE) {
                    ctx.event("addon", "Starting " + addon.kind().wire() + " " + addon.version() + " ("
                            + addon.image() + ") with volume " + addon.volume());
                }
                attachAndRun(ctx, addon, app, op.param("var"), op.createdBy());
            };
            case ADDON_DETACH -> ctx -> {
                StoredApp app = AppChecks.stillThere(store, op.app());
                Addon addon = stored(op.param("addon"));
                Addon.Attachment gone = addon.attachments().stream().filter(a -> a.app().equals(app.name()))
                        .findFirst().orElse(null);
                if (gone == null) {
                    ctx.event("info", "Add-on " + addon.name() + " was not attached to " + app.name());
                    return;
                }
                store.addons().detach(addon.name(), app.name());
                run(ctx, stored(addon.name()));
                unset(app, gone.var(), "Detach add-on " + addon.name(), op.createdBy(), ctx);
            };
            case ADDON_RESTART -> ctx -> {
                Addon addon = stored(op.param("addon"));
                ProcessChanges.runtime("restarting add-on " + addon.name(), () -> runtime.restart(addon.container()));
                ctx.event("addon", "Restarted " + addon.container());
            };
            case ADDON_DESTROY -> ctx -> {
                Addon addon = stored(op.param("addon"));
                for (Addon.Attachment a : addon.attachments()) {
                    store.apps().find(a.app()).ifPresent(app -> unset(app, a.var(), "Destroy add-on "
                            + addon.name(), op.createdBy(), ctx));
                }
                ProcessChanges.runtime("removing add-on " + addon.name(),
                        () -> runtime.destroy(addon.container(), addon.volume()));
                store.addons().delete(addon.name());
                backups.removeAll(addon.name());
                store.events().add(addon.app(), "api", "Add-on " + addon.name() + " destroyed by " + op.createdBy());
                ctx.event("addon", "Removed container " + addon.container() + " and volume " + addon.volume());
            };
            default -> throw new IllegalArgumentException("not an add-on change: " + op.kind());
        };
    }

    private void attachAndRun(OperationContext ctx, Addon addon, StoredApp app, String var, String by) {
        String network = runtime.network(app.name());
        String[] ip = new String[1];
        ProcessChanges.runtime("preparing network " + network, () -> {
            String subnet = runtime.subnet(network, app.name());
            ip[0] = AddonAddress.pick(subnet, store.addons().ipsOn(network)).orElseThrow(() ->
                    new OperationFailed(507, "no address left for an add-on on network " + network + " (" + subnet
                            + ")"));
        });
        store.addons().attach(addon.name(), app.name(), var, network, ip[0]);
        run(ctx, stored(addon.name()));
        String url = AddonUrl.of(addon.kind(), store.addons().password(addon.name()), ip[0]);
        Map<String, String> change = new LinkedHashMap<>();
        change.put(var, url);
        releases.changeConfig(app, change, "Attach add-on " + addon.name() + " as " + var, by);
        store.events().add(app.name(), "api", "Add-on " + addon.name() + " attached as " + var + " by " + by);
        ctx.event("addon", "Attached " + addon.name() + " to " + app.name() + " as " + var + " ("
                + AddonUrl.masked(addon.kind(), ip[0]) + " on network " + network + "); a config release follows");
    }

    private void run(OperationContext ctx, Addon addon) {
        String password = store.addons().password(addon.name());
        ProcessChanges.runtime("starting add-on " + addon.name(),
                () -> runtime.apply(runtime.container(addon, password)));
        ctx.event("addon", addon.container() + " runs on " + (addon.attachments().isEmpty() ? "no network"
                : String.join(", ", addon.attachments().stream().map(Addon.Attachment::network).toList())));
    }

    private void unset(StoredApp app, String var, String description, String by, OperationContext ctx) {
        Map<String, String> change = new LinkedHashMap<>();
        change.put(var, null);
        releases.changeConfig(app, change, description + ": unset " + var, by);
        ctx.event("addon", "Unset " + var + " of " + app.name() + "; a config release follows");
    }

    private Addon stored(String name) {
        return store.addons().find(name)
                .orElseThrow(() -> new OperationFailed(404, "add-on " + name + " is gone"));
    }

    private String var(String app, AddonKind kind, String name, String as) {
        java.util.Set<String> taken = store.addons().varsOf(app);
        String var;
        if (as != null) {
            var = as.toUpperCase(Locale.ROOT).replace('-', '_') + "_URL";
        } else {
            var = taken.contains(kind.defaultVar()) ? name.toUpperCase(Locale.ROOT).replace('-', '_') + "_URL"
                    : kind.defaultVar();
        }
        String problem = Addon.varProblem(var);
        if (problem != null) {
            throw Refused.invalid(problem);
        }
        if (taken.contains(var)) {
            throw Refused.conflict("app " + app + " already has an add-on attached as " + var);
        }
        return var;
    }

    private String freeName(String app, AddonKind kind) {
        String base = (app.length() > 20 ? app.substring(0, 20).replaceAll("-+$", "") : app) + "-" + kind.wire();
        for (int i = 1; i < 100; i++) {
            String n = i == 1 ? base : base + "-" + i;
            if (store.addons().find(n).isEmpty()) {
                return n;
            }
        }
        throw Refused.conflict("no free add-on name for " + app + "; give one with --name");
    }

    private static String password() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b); // URL-safe, shell-safe
    }

    /** The config vars the app's attachments set now, with their URLs (var -> URL). */
    static Map<String, String> urls(Store store, String app) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Addon a : store.addons().forApp(app)) {
            for (Addon.Attachment t : a.attachments()) {
                if (t.app().equals(app)) {
                    out.put(t.var(), AddonUrl.of(a.kind(), store.addons().password(a.name()), t.ip()));
                }
            }
        }
        return out;
    }

    /** At pvdifyd start: add-ons whose containers stopped (a reboot, Podman restarted) run again. */
    public void reviveAll() {
        for (Addon a : store.addons().list()) {
            try {
                runtime.revive(runtime.container(a, store.addons().password(a.name())));
            } catch (RuntimeException e) {
                System.err.println("pvdifyd: add-on " + a.name() + " not revived: " + e.getMessage());
            }
        }
    }
}
