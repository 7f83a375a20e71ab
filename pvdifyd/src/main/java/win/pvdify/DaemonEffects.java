package win.pvdify;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import win.pvdify.api.StatusCheck;
import win.pvdify.container.DynoIsolation;
import win.pvdify.container.ImageCommand;
import win.pvdify.container.ImageCommands;
import win.pvdify.dyno.AppNetworks;
import win.pvdify.dyno.DynoSupervisor;
import win.pvdify.firewall.NftFirewall;
import win.pvdify.firewall.NftRules;
import win.pvdify.podman.PodmanAppNetworks;
import win.pvdify.podman.SubnetPool;
import win.pvdify.dyno.SupervisorDetector;
import win.pvdify.engine.AppLogReader;
import win.pvdify.engine.DriftCheck;
import win.pvdify.engine.Engine;
import win.pvdify.engine.EngineSettings;
import win.pvdify.engine.HttpHealthProbe;
import win.pvdify.engine.LivenessMonitor;
import win.pvdify.engine.LivenessTracker;
import win.pvdify.engine.PortAllocator;
import win.pvdify.engine.Recovery;
import win.pvdify.engine.RegistryLogins;
import win.pvdify.logs.HerokuLogReader;
import win.pvdify.logs.JournaldLogSource;
import win.pvdify.logs.PodmanLogSource;
import win.pvdify.podman.PodmanApi;
import win.pvdify.podman.PodmanDynoUsage;
import win.pvdify.podman.PodmanImagePuller;
import win.pvdify.podman.PodmanSocketApi;
import win.pvdify.podman.PodmanSupervisor;
import win.pvdify.podman.RegistryAuth;
import win.pvdify.routing.CaddyAdminHttp;
import win.pvdify.routing.LenientTrafficSwitch;
import win.pvdify.routing.MaintenancePage;
import win.pvdify.routing.MaintenancePages;
import win.pvdify.routing.RouteSettings;
import win.pvdify.routing.RouteSync;
import win.pvdify.routing.TlsAsk;
import win.pvdify.routing.TlsAskService;
import win.pvdify.routing.TrafficSwitch;
import win.pvdify.systemd.EnvFiles;
import win.pvdify.systemd.Journalctl;
import win.pvdify.systemd.ProcessRunner;
import win.pvdify.systemd.SdNotify;
import win.pvdify.systemd.SystemctlCli;
import win.pvdify.systemd.SystemdSupervisor;
import win.pvdify.systemd.UnitSettings;
import win.pvdify.systemd.Watchdog;

/**
 * The real effects of pvdifyd, wired into the Daemon: the dyno supervisor (systemd units, or the Podman
 * fallback where systemd is not PID 1), the engine, Caddy routes, recovery at start and sd_notify.
 */
final class DaemonEffects {
    /** caddy-admin-url value that turns routing off (no Caddy on this host). */
    static final String ROUTING_OFF = "off";

    private DaemonEffects() {
    }

    static Daemon.Builder wire(Daemon.Builder builder, DaemonConfig config) {
        String kind = SupervisorDetector.detect(config.supervisor());
        PodmanApi podman = new PodmanSocketApi(Path.of(config.podmanSocket()));
        Path envDir = config.envDir();
        EnvFiles envFiles = new EnvFiles(envDir);
        DynoSupervisor supervisor;
        AppLogReader logs;
        PodmanSupervisor fallback = null;
        boolean cronSeconds = "true".equalsIgnoreCase(System.getenv("PVDIFY_CRON_SECONDS"));
        win.pvdify.cron.CronRuntime cron;
        DynoIsolation isolation = config.isolation().dynos();
        if (config.isolation().envShim() != null && isolation.envShim() == null) {
            System.err.println("pvdifyd: no env shim at " + config.isolation().envShim() + ": Podman gets the env"
                    + " files, and keeps the config values in its container config on disk");
        }
        AppNetworks networks = isolation.networkPrefix() == null ? AppNetworks.NONE
                : new PodmanAppNetworks(podman, SubnetPool.parse(config.isolation().networkPool()));
        applyFirewall(config, builder);
        if (kind.equals("systemd")) {
            ProcessRunner direct = ProcessRunner.direct();
            // Runs are isolated like the app's dynos: env shim, the app's network, no capabilities, limits.
            cron = new win.pvdify.systemd.SystemdCron(new SystemctlCli(direct), UnitSettings.defaults(),
                    config.unitDir(), Path.of("/"), envFiles, podman, cronSeconds).isolated(isolation, networks);
            ImageCommands images = image -> {
                var i = podman.inspectImage(image);
                return new ImageCommand(i.entrypoint(), i.cmd());
            };
            SystemdSupervisor systemd = new SystemdSupervisor(new SystemctlCli(direct), new Journalctl(direct),
                    UnitSettings.defaults(), config.unitDir(), Path.of("/"), envFiles, isolation, images, networks);
            supervisor = systemd;
            logs = new HerokuLogReader(new JournaldLogSource(new Journalctl(direct)));
            builder.afterStart(p -> systemd::installTarget);
        } else {
            // The data dir names this daemon: others (tests, a second instance) may share the Podman service.
            fallback = new PodmanSupervisor(podman, envFiles, 5, 30,
                    config.dataDir().toAbsolutePath().normalize().toString(), isolation, networks);
            supervisor = fallback;
            logs = new HerokuLogReader(new PodmanLogSource(podman));
            win.pvdify.podman.PodmanCron podmanCron = new win.pvdify.podman.PodmanCron(podman, envFiles,
                    PodmanSupervisor.profile(0, 30, config.dataDir().toAbsolutePath().normalize().toString())
                            .withIsolation(isolation),
                    java.time.Clock.systemDefaultZone(), cronSeconds).withNetworks(networks);
            cron = podmanCron;
            builder.afterStart(p -> () -> podmanCron.start(Duration.ofSeconds(1)));
        }
        AtomicReference<win.pvdify.store.Store> store = new AtomicReference<>(); // set before any route is pushed
        RouteSync routes = routes(config, app -> store.get() == null ? java.util.Optional.empty()
                : store.get().maintenance().find(app).map(m -> new MaintenancePage(m.message(), m.retryAfter())));
        TrafficSwitch traffic = routes == null ? TrafficSwitch.NONE : new LenientTrafficSwitch(routes);
        AtomicReference<Engine> engineRef = new AtomicReference<>();
        AtomicReference<LivenessMonitor> liveness = new AtomicReference<>();
        PodmanSupervisor podmanSupervisor = fallback;
        // One-offs are plain Podman containers on both kinds of host, logged like the host's dynos.
        var oneOffProfile = kind.equals("systemd") ? win.pvdify.systemd.SystemdSupervisor.profile(UnitSettings.defaults())
                : PodmanSupervisor.profile(5, 30, config.dataDir().toAbsolutePath().normalize().toString());
        builder.oneOffs(p -> new win.pvdify.podman.PodmanOneOffs(podman, oneOffProfile.withIsolation(isolation),
                networks));
        win.pvdify.cron.CronRuntime cronRuntime = cron;
        // Add-ons: a unit per add-on under pvdify.target on systemd hosts, Podman's own restarts otherwise.
        builder.addons(p -> kind.equals("systemd")
                ? new win.pvdify.systemd.SystemdAddons(new SystemctlCli(ProcessRunner.direct()),
                        UnitSettings.defaults(), config.unitDir(), envDir, podman, networks, isolation)
                : new win.pvdify.podman.PodmanAddons(podman, networks, isolation, envDir, 30));
        builder.addonShell(p -> new win.pvdify.podman.PodmanAddonShell(podman));
        builder.supervisorKind(kind)
                .cron(p -> cronRuntime)
                .appJson(p -> win.pvdify.appjson.AppJsonSource.podman(podman, cronSeconds))
                .imageBuilder(p -> new win.pvdify.podman.PodmanImageBuilder(podman))
                .runtime(p -> {
                    store.set(p.store());
                    HttpHealthProbe probe = new HttpHealthProbe(supervisor, Duration.ofSeconds(60));
                    LivenessMonitor monitor = new LivenessMonitor(p.ledger(), supervisor, probe, traffic,
                            (app, work) -> engineRef.get().tryTurn(app, work), p.rollbacks(),
                            LivenessTracker.Backoff.defaults(), EngineSettings.defaults().failureLogLines(),
                            java.time.Clock.systemUTC());
                    liveness.set(monitor);
                    Engine engine = new Engine(p.ledger(), supervisor, traffic,
                            new PodmanImagePuller(podman, registry -> auth(p.registryLogins(), registry),
                                    config.limits().concurrentPulls(), config.limits().maxImageBytes()), envFiles,
                            probe,
                            new PortAllocator(config.portRange().first(), config.portRange().last(),
                                    supervisor::listAll),
                            logs, new PodmanDynoUsage(podman), EngineSettings.defaults(), monitor);
                    engineRef.set(engine);
                    return engine;
                })
                .statusProbe(p -> () -> podmanCheck(podman))
                .statusProbe(p -> () -> supervisorCheck(kind, supervisor))
                .statusProbe(p -> routes != null ? routes::status
                        : () -> new StatusCheck("caddy", StatusCheck.NOT_CONFIGURED, "routing is off (caddy-admin-url off)"))
                .afterStart(p -> () -> {
                    // An unreachable Podman must not keep the API down: /status reports it, deploys fail with
                    // the reason, and the watcher revives dynos once Podman answers again.
                    if (routes != null) {
                        routes.hold(); // recovery routes every app: pushed as one change below
                    }
                    try {
                        if (podmanSupervisor != null) {
                            podmanSupervisor.revive(); // dynos that exist but do not run (host or Podman restarted)
                        }
                        Recovery.Report report = new Recovery(p.ledger(), supervisor, envFiles, engineRef.get()).run();
                        if (!report.failures().isEmpty()) {
                            System.err.println("pvdifyd: recovery could not fix everything: " + report.failures());
                        }
                    } catch (RuntimeException e) {
                        System.err.println("pvdifyd: recovery at start failed: " + e.getMessage());
                    }
                    if (routes != null) {
                        routes.start(); // after recovery routed every app, so nothing is seen as gone
                        try {
                            routes.reconcileNow(); // ready means routed: every app's route in one Caddy change
                        } catch (RuntimeException e) {
                            System.err.println("pvdifyd: routes not pushed at start: " + e.getMessage()
                                    + " (retried in the background)");
                        }
                    }
                    if (podmanSupervisor != null) {
                        podmanSupervisor.startWatcher(Duration.ofSeconds(2));
                    }
                    DriftCheck drift = new DriftCheck(p.ledger(), supervisor, engineRef.get());
                    drift.start(Duration.ofSeconds(15));
                    liveness.get().start(Duration.ofSeconds(1));
                    // One line the operator (and bench/control-plane.sh) can time a restart by.
                    System.out.println("pvdifyd: ready (recovery and routes done) "
                            + ProcessHandle.current().info().startInstant()
                                    .map(t -> java.time.Duration.between(t, java.time.Instant.now()).toMillis() + " ms")
                                    .orElse("?") + " after the process started");
                    SdNotify.fromEnvironment(System.getenv()).ifPresent(n -> {
                        n.ready();
                        n.status("serving; " + kind + " supervisor");
                    });
                    // Pinged only while the daemon really works: a wedged database (or a dead drift check, the
                    // engine's own heartbeat) stops the pings and systemd restarts pvdifyd.
                    Watchdog.start(System.getenv(), ProcessHandle.current().pid(),
                            () -> drift.alive() && databaseAnswers(p.store()));
                });
        if (routes != null) {
            builder.service("/tls", p -> new TlsAskService(new TlsAsk(routes)));
        }
        return builder;
    }

    /**
     * Loads pvdify's nftables table (app networks may not reach the host, loopback or link-local addresses); a
     * failure is reported by /status and on stderr, and dynos still run (on a host without nft).
     */
    static StatusCheck applyFirewall(DaemonConfig config) {
        IsolationSettings s = config.isolation();
        if (s.firewallTable() == null) {
            return new StatusCheck("firewall", StatusCheck.NOT_CONFIGURED, "firewall_table is off");
        }
        try {
            new NftFirewall(ProcessRunner.direct(), config.envDir().resolveSibling("firewall"))
                    .load(NftRules.render(s.firewallTable(), s.networkPool(), s.firewallHostPorts()));
            return new StatusCheck("firewall", StatusCheck.OK, "nftables table inet " + s.firewallTable()
                    + " isolates " + s.networkPool());
        } catch (RuntimeException e) {
            System.err.println("pvdifyd: firewall not loaded: " + e.getMessage());
            return new StatusCheck("firewall", StatusCheck.DOWN, e.getMessage());
        }
    }

    private static void applyFirewall(DaemonConfig config, Daemon.Builder builder) {
        if (config.isolation().firewallTable() == null) {
            return;
        }
        StatusCheck loaded = applyFirewall(config);
        builder.statusProbe(p -> () -> loaded);
    }

    private static boolean databaseAnswers(win.pvdify.store.Store store) {
        try {
            return store.db().read(ctx -> ctx.selectOne().fetchOne(0, Integer.class)) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static RouteSync routes(DaemonConfig config, MaintenancePages maintenance) {
        String url = config.caddyAdminUrl();
        if (url == null || url.isBlank() || url.equalsIgnoreCase(ROUTING_OFF)) {
            return null;
        }
        CaddyAdminHttp caddy = new CaddyAdminHttp(URI.create(url), config.caddyServerName(), RouteSettings.defaults(),
                Duration.ofSeconds(5));
        // Recovery pushes every app's route before start(); the seed only matters for apps it could not handle.
        return new RouteSync(caddy, List::of, maintenance);
    }

    private static RegistryAuth auth(RegistryLogins logins, String registry) {
        return logins.forRegistry(registry).map(l -> new RegistryAuth(l.username(), l.password())).orElse(null);
    }

    private static StatusCheck podmanCheck(PodmanApi podman) {
        try {
            String version = podman.version().version();
            return new StatusCheck("podman", StatusCheck.OK, "Podman " + version + transientStoreNote(version));
        } catch (RuntimeException e) {
            return new StatusCheck("podman", StatusCheck.DOWN, e.getMessage());
        }
    }

    /**
     * Podman 4.4 added a transient store (container metadata on tmpfs). The env shim already keeps config values
     * out of Podman on every version, so it is only mentioned, not used.
     */
    static String transientStoreNote(String version) {
        try {
            String[] v = version.split("[.-]");
            int major = Integer.parseInt(v[0]);
            int minor = v.length > 1 ? Integer.parseInt(v[1]) : 0;
            return major > 4 || (major == 4 && minor >= 4)
                    ? " (transient_store available; not needed: dynos load their env file themselves)" : "";
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static StatusCheck supervisorCheck(String kind, DynoSupervisor supervisor) {
        try {
            int dynos = supervisor.listAll().size();
            String name = kind.equals("systemd") ? "systemd" : "supervisor";
            return new StatusCheck(name, StatusCheck.OK, kind + " supervises " + dynos + " dyno(s)");
        } catch (RuntimeException e) {
            return new StatusCheck(kind.equals("systemd") ? "systemd" : "supervisor", StatusCheck.DOWN, e.getMessage());
        }
    }
}
