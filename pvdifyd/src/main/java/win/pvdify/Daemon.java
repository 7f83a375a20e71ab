package win.pvdify;

import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import win.pvdify.api.Token;
import win.pvdify.auth.TokenSecrets;
import win.pvdify.commands.Commands;
import win.pvdify.engine.AppRuntime;
import win.pvdify.engine.LedgerOnlyRuntime;
import win.pvdify.engine.ReleaseLedger;
import win.pvdify.engine.RegistryLogins;
import win.pvdify.http.ApiFilter;
import win.pvdify.http.ApiRouting;
import win.pvdify.http.AppService;
import win.pvdify.http.ChecksService;
import win.pvdify.http.CloudflareService;
import win.pvdify.http.ConfigService;
import win.pvdify.http.DomainService;
import win.pvdify.http.ErrorAnswers;
import win.pvdify.http.Guard;
import win.pvdify.http.HealthService;
import win.pvdify.http.JsonIo;
import win.pvdify.http.LogService;
import win.pvdify.http.MaintenanceService;
import win.pvdify.http.OpenApiService;
import win.pvdify.http.OpenStreams;
import win.pvdify.http.ProcessService;
import win.pvdify.http.RunAttachSocket;
import win.pvdify.http.RunService;
import win.pvdify.http.RegistryService;
import win.pvdify.http.OperationAnswers;
import win.pvdify.http.OperationService;
import win.pvdify.http.ReleaseService;
import win.pvdify.http.StatusService;
import win.pvdify.http.TokenService;
import win.pvdify.routing.DomainHook;
import win.pvdify.secrets.SecretBox;
import win.pvdify.status.StatusProbe;
import win.pvdify.store.Store;
import win.pvdify.store.StoreLedger;

/**
 * Wires pvdifyd: store, secrets, auth, HTTP. Effects (runtime, routing hooks, status probes) come in through
 * the builder as factories of the opened store, so tests and the real daemon wire their own:
 * <pre>
 * Daemon.builder(config)
 *     .runtime(p -> new Engine(p.ledger(), supervisor, traffic, puller, envFiles, health, ports, logs, usage, settings))
 *     .domainHook(p -> new DnsDomainHook(cloudflareDomainDnsOrNull))
 *     .dnsProvider(p -> cloudflareHttpOrNull)
 *     .statusProbe(p -> podmanProbe)
 *     .supervisorKind(supervisor.kind())
 *     .service("/tls", p -> new TlsAskService(new TlsAsk(routeSync)))
 *     .afterStart(p -> () -> { recovery.run(); notifier.ready(); })
 *     .build().start();
 * </pre>
 * Without a runtime the daemon records releases and makes them current at once (LedgerOnlyRuntime).
 */
public final class Daemon implements AutoCloseable {
    private final DaemonConfig config;
    private final Store store;
    private final StoreLedger ledger;
    private final ApiRouting routing;
    private final Commands commands;
    private final OpenStreams streams;
    private final List<Runnable> afterStart;
    private final win.pvdify.commands.OneOffRuns oneOffs;
    private final io.helidon.webserver.websocket.WsRouting.Builder wsRouting;
    private final PrintStream out;
    private final win.pvdify.webhooks.WebhookDispatcher webhooks;
    private volatile WebServer server;
    private boolean closed;

    /** What effect factories get: the opened store and its views. */
    public record Parts(DaemonConfig config, Store store, ReleaseLedger ledger, RegistryLogins registryLogins,
                        win.pvdify.engine.AutoRollbacks rollbacks) {
        public Parts(DaemonConfig config, Store store, ReleaseLedger ledger, RegistryLogins registryLogins) {
            this(config, store, ledger, registryLogins, win.pvdify.engine.AutoRollbacks.NONE);
        }
    }

    /**
     * The use cases and their operation queue. Operations submitted before start-up recovery ends wait in the
     * queue; afterStart hooks call {@code commands().queue().start()} once recovery is done (start() does it
     * itself when nothing else will).
     */
    public Commands commands() {
        return commands;
    }

    /** The log follows and event streams open now. */
    public OpenStreams streams() {
        return streams;
    }

    private Daemon(Builder b) {
        this.config = b.config;
        this.out = b.out;
        SecretBox box = SecretBox.fromKeysetFile(config.keysetFile());
        this.store = Store.open(config.databaseFile(), box, b.clock);
        this.ledger = new StoreLedger(store);
        // The use cases are wired after the runtime (they need it); the runtime's liveness monitor reaches them late.
        java.util.concurrent.atomic.AtomicReference<Commands> wired = new java.util.concurrent.atomic.AtomicReference<>();
        Parts parts = new Parts(config, store, ledger, store.registries(), (app, bad, reason, lines) ->
                wired.get() == null ? null : wired.get().autoRollback().rollBack(app, bad, reason, lines));
        AppRuntime runtime = b.runtime == null ? new LedgerOnlyRuntime(ledger) : b.runtime.apply(parts);
        DomainHook hook = b.domainHook == null ? DomainHook.NONE : b.domainHook.apply(parts);
        List<StatusProbe> probes = new ArrayList<>();
        probes.add(new win.pvdify.status.DiskSpaceProbe(config.dataDir()));
        b.probes.forEach(f -> probes.add(f.apply(parts)));
        this.afterStart = b.afterStart.stream().map(f -> f.apply(parts)).toList();

        String version = BuildInfo.version();
        ErrorAnswers errors = new ErrorAnswers();
        JsonIo io = new JsonIo(config.maxBodyBytes());
        Guard guard = new Guard(store.apps());
        win.pvdify.cron.CronRuntime cron = b.cron == null ? win.pvdify.cron.CronRuntime.NONE : b.cron.apply(parts);
        win.pvdify.appjson.AppJsonSource appJson = b.appJson == null ? win.pvdify.appjson.AppJsonSource.NONE
                : b.appJson.apply(parts);
        win.pvdify.build.BuildLimits buildLimits = b.buildLimits != null ? b.buildLimits : config.limits().builds();
        win.pvdify.build.ImageBuilder imageBuilder = b.imageBuilder == null ? win.pvdify.build.ImageBuilder.NONE
                : b.imageBuilder.apply(parts);
        java.util.concurrent.atomic.AtomicReference<win.pvdify.commands.OneOffRuns> runsRef =
                new java.util.concurrent.atomic.AtomicReference<>();
        this.commands = Commands.wire(store, ledger, runtime, hook, config.baseDomain(), cron, b.cronSeconds,
                appJson, imageBuilder, config.dataDir().resolve("builds"), buildLimits,
                () -> runsRef.get() != null && runsRef.get().enabled() ? runsRef.get() : null,
                b.addons == null ? win.pvdify.addon.AddonRuntime.NONE : b.addons.apply(parts),
                config.addons(), b.addonShell == null ? win.pvdify.addon.AddonShell.NONE : b.addonShell.apply(parts),
                // A keyset of its own (streaming AEAD), beside the daemon's: backups are large streams.
                win.pvdify.secrets.StreamingBox.fromKeysetFile(config.keysetFile().resolveSibling(
                        "backup-keyset.json")), config.dataDir().resolve("backups"));
        wired.set(commands);
        OperationAnswers answers = new OperationAnswers(commands.queue(), io);
        win.pvdify.store.WebhookQueries webhookQueries = new win.pvdify.store.WebhookQueries(store.db(), b.clock, box);
        this.webhooks = new win.pvdify.webhooks.WebhookDispatcher(webhookQueries,
                new win.pvdify.webhooks.JdkWebhookSender(Duration.ofSeconds(10)), b.clock, b.webhookRetryBase, version);
        commands.queue().onEnd(webhooks::ended);
        win.pvdify.commands.WebhookSubscriptions subscriptions = new win.pvdify.commands.WebhookSubscriptions(
                webhookQueries, () -> server == null ? config.port() : server.port(),
                java.util.Set.of("api." + config.baseDomain()));
        this.oneOffs = new win.pvdify.commands.OneOffRuns(store.runs(), ledger,
                b.oneOffs == null ? null : b.oneOffs.apply(parts), new win.pvdify.systemd.EnvFiles(
                        config.envDir().toAbsolutePath()), b.clock);
        runsRef.set(oneOffs);
        win.pvdify.http.AuditTrail auditTrail = new win.pvdify.http.AuditTrail(store.audit(), b.clock);
        win.pvdify.metrics.RequestMetrics requests = new win.pvdify.metrics.RequestMetrics();
        ApiFilter filter = new ApiFilter(store.tokens(), errors, config.maxBodyBytes(), buildLimits.maxSourceBytes(),
                auditTrail, requests);
        RunService runService = new RunService(guard, store.apps(), io, errors, oneOffs);
        this.wsRouting = RunAttachSocket.routing(filter, runService, oneOffs);
        String supervisor = b.supervisorKind != null ? b.supervisorKind : config.supervisor();
        this.streams = new OpenStreams(config.limits().followsPerToken());
        this.routing = new ApiRouting(filter, errors,
                new HealthService(version, io, errors),
                List.of(new win.pvdify.http.MetricsService(new win.pvdify.metrics.PlatformMetrics(store.apps(), runtime,
                        new win.pvdify.store.OperationStats(store.db()), requests, version), filter, errors)),
                List.of(
                new AppService(store, guard, io, errors, commands, answers, config.baseDomain(),
                        config.limits().previewsPerToken()),
                new ReleaseService(store, guard, io, errors, commands, answers),
                new ConfigService(store, guard, io, errors, commands, answers),
                new DomainService(store, guard, io, errors, commands, answers, config.baseDomain()),
                new ProcessService(store, guard, io, errors, commands, answers),
                new MaintenanceService(guard, io, errors, commands, answers),
                runService,
                new ChecksService(guard, io, errors, store),
                new win.pvdify.http.ExportService(guard, errors, new win.pvdify.commands.AppExports(store, ledger,
                        store.registries(), config.isolation() == null ? null : config.isolation().dynos())),
                new win.pvdify.http.CronService(guard, io, errors, commands, answers),
                new win.pvdify.http.BuildService(store, guard, io, errors, commands),
                new win.pvdify.http.AddonService(store, guard, io, errors, commands, answers, oneOffs),
                new OperationService(store, guard, io, errors, commands.queue(), streams),
                new LogService(store, guard, errors, runtime, b.logPollMillis, streams, b.logHeartbeat),
                new TokenService(store.tokens(), store.apps(), new TokenSecrets(), io, errors, streams),
                new win.pvdify.http.WebhookService(guard, io, errors, subscriptions),
                new win.pvdify.http.BackupService(config, errors, b.clock),
                new win.pvdify.http.AuditService(store.audit(), auditTrail, io, errors, b.clock),
                new StatusService(store.db(), probes, version, supervisor, io, errors),
                new RegistryService(store.registries(), io, errors),
                new CloudflareService(b.dnsProvider == null ? null : b.dnsProvider.apply(parts), io, errors),
                new OpenApiService(errors)),
                withGit(extraServices(b, parts), new win.pvdify.git.GitService(store, commands.queue(),
                        commands.builds(), new win.pvdify.git.GitRepos(config.dataDir().resolve("builds")), errors,
                        filter::authenticate, config.baseDomain(), config.dataDir().resolve("builds"))));
    }

    /** /git: every app's git remote (push to deploy), with its own Basic auth. */
    private static java.util.Map<String, io.helidon.webserver.http.HttpService> withGit(
            java.util.Map<String, io.helidon.webserver.http.HttpService> extra,
            win.pvdify.git.GitService git) {
        extra.putIfAbsent("/git", git);
        return extra;
    }

    private static java.util.Map<String, io.helidon.webserver.http.HttpService> extraServices(Builder b, Parts parts) {
        java.util.Map<String, io.helidon.webserver.http.HttpService> out = new java.util.LinkedHashMap<>();
        b.services.forEach((path, f) -> out.put(path, f.apply(parts)));
        return out;
    }

    public static Builder builder(DaemonConfig config) {
        return new Builder(config);
    }

    /** Creates the first admin token (if none exists), then starts serving. */
    public Daemon start() {
        prepare();
        win.pvdify.ops.OperationRecovery.settle(store.operations())
                .forEach(line -> out.println("pvdifyd: recovery: " + line));
        server = WebServer.builder()
                .host(config.host())
                .port(config.port())
                .shutdownHook(false)
                .idleConnectionTimeout(Duration.ofMinutes(10))
                .directHandlers(win.pvdify.http.TransportErrors.handlers())
                .routing(routing::configure)
                .addRouting(wsRouting)
                .build()
                .start();
        afterStart.forEach(Runnable::run);
        try {
            oneOffs.recover(); // runs left from before a restart: stopped, settled or removed
        } catch (RuntimeException e) {
            out.println("pvdifyd: recovery of one-off runs failed: " + e.getMessage());
        }
        oneOffs.startReaper(java.time.Duration.ofSeconds(5));
        commands.addons().reviveAll(); // before the queue: add-ons a reboot stopped run again
        commands.cron().installAll(); // after recovery; the fallback scheduler learns the jobs only from this
        commands.queue().start(); // after recovery: nothing queued meanwhile ran against a half-recovered app
        webhooks.start(); // deliveries left pending by an earlier run go out now
        return this;
    }

    public int port() {
        return server.port();
    }

    public String baseUrl() {
        return "http://" + (config.host().contains(":") ? "[" + config.host() + "]" : config.host()) + ":" + port();
    }

    public Store store() {
        return store;
    }

    public ReleaseLedger ledger() {
        return ledger;
    }

    public win.pvdify.commands.OneOffRuns oneOffs() {
        return oneOffs;
    }

    /** The WebSocket routes (attach to a one-off run), for routing mounted elsewhere. */
    public io.helidon.webserver.websocket.WsRouting.Builder wsRouting() {
        return wsRouting;
    }

    public ApiRouting routing() {
        return routing;
    }

    public DaemonConfig config() {
        return config;
    }

    /** Creates the first admin token if none exists (start() does it; for routing mounted elsewhere, call it). */
    public void prepare() {
        if (store.tokens().countAdmins() > 0) {
            return;
        }
        TokenSecrets secrets = new TokenSecrets();
        String secret = secrets.newSecret();
        store.tokens().insert(secrets.newId(), TokenSecrets.hash(secret), Token.Kind.ADMIN, null, "first admin token");
        Path file = config.adminTokenFile();
        try {
            Path tmp = file.resolveSibling("admin-token.new");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, secret + "\n");
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
        // never the secret itself: this goes to the journal, which group adm can read
        out.println("Created the first admin token in " + file + " (mode 0600, readable by root only)");
        out.flush();
    }

    public synchronized void stop() {
        if (closed) {
            return;
        }
        closed = true;
        if (server != null) {
            server.stop();
            server = null;
        }
        oneOffs.close();
        commands.queue().close();
        webhooks.close();
        store.close();
    }

    @Override
    public void close() {
        stop();
    }

    /** Wiring: every effect is optional (a daemon without them records releases and runs nothing). */
    public static final class Builder {
        private final DaemonConfig config;
        private Function<Parts, AppRuntime> runtime;
        private Function<Parts, DomainHook> domainHook;
        private Function<Parts, win.pvdify.oneoff.OneOffRuntime> oneOffs;
        private Function<Parts, win.pvdify.cloudflare.DnsProvider> dnsProvider;
        private final List<Function<Parts, StatusProbe>> probes = new ArrayList<>();
        private final List<Function<Parts, Runnable>> afterStart = new ArrayList<>();
        private String supervisorKind;
        private final java.util.Map<String, Function<Parts, io.helidon.webserver.http.HttpService>> services =
                new java.util.LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();
        private PrintStream out = System.out;
        private long logPollMillis = 1000;
        private Function<Parts, win.pvdify.cron.CronRuntime> cron;
        private Function<Parts, win.pvdify.appjson.AppJsonSource> appJson;
        private Function<Parts, win.pvdify.build.ImageBuilder> imageBuilder;
        private win.pvdify.build.BuildLimits buildLimits;
        private Function<Parts, win.pvdify.addon.AddonRuntime> addons;
        private Function<Parts, win.pvdify.addon.AddonShell> addonShell;
        private boolean cronSeconds = "true".equalsIgnoreCase(System.getenv("PVDIFY_CRON_SECONDS"));
        private java.time.Duration logHeartbeat = java.time.Duration.ofSeconds(15);
        private java.time.Duration webhookRetryBase = java.time.Duration.ofSeconds(10);

        private Builder(DaemonConfig config) {
            this.config = config;
        }

        public Builder runtime(Function<Parts, AppRuntime> factory) {
            this.runtime = factory;
            return this;
        }

        public Builder runtime(AppRuntime runtime) {
            return runtime(p -> runtime);
        }

        /** Where one-off runs (`pvdify run`) run; unset = this daemon refuses them (503). */
        public Builder oneOffs(Function<Parts, win.pvdify.oneoff.OneOffRuntime> factory) {
            this.oneOffs = factory;
            return this;
        }

        /** Where cron jobs run (systemd timers or the fallback's scheduler); unset = recorded only. */
        public Builder cron(Function<Parts, win.pvdify.cron.CronRuntime> factory) {
            this.cron = factory;
            return this;
        }

        /** Where add-on containers run; unset = add-ons are refused (their operations fail with the reason). */
        public Builder addons(Function<Parts, win.pvdify.addon.AddonRuntime> factory) {
            this.addons = factory;
            return this;
        }

        /** How backups run commands in add-on containers; unset = captures fail with the reason. */
        public Builder addonShell(Function<Parts, win.pvdify.addon.AddonShell> factory) {
            this.addonShell = factory;
            return this;
        }

        /** Where deploys read the image's app.json (cron jobs, healthchecks); unset = not read. */
        public Builder appJson(Function<Parts, win.pvdify.appjson.AppJsonSource> factory) {
            this.appJson = factory;
            return this;
        }

        /** What builds images from source (Podman's build endpoint); unset = builds are refused. */
        public Builder imageBuilder(Function<Parts, win.pvdify.build.ImageBuilder> factory) {
            this.imageBuilder = factory;
            return this;
        }

        /** Limits of builds from source (memory, CPU, time, upload size); unset = the config's. */
        public Builder buildLimits(win.pvdify.build.BuildLimits limits) {
            this.buildLimits = limits;
            return this;
        }

        /**
         * Lets cron schedules carry a leading seconds field (six fields). For tests that cannot wait minutes;
         * default from the environment variable PVDIFY_CRON_SECONDS=true.
         */
        public Builder cronSeconds(boolean allow) {
            this.cronSeconds = allow;
            return this;
        }

        public Builder domainHook(Function<Parts, DomainHook> factory) {
            this.domainHook = factory;
            return this;
        }

        /** Cloudflare for GET /cloudflare/zones (null or unset = not configured). */
        public Builder dnsProvider(Function<Parts, win.pvdify.cloudflare.DnsProvider> factory) {
            this.dnsProvider = factory;
            return this;
        }

        public Builder statusProbe(Function<Parts, StatusProbe> factory) {
            this.probes.add(factory);
            return this;
        }

        public Builder statusProbe(StatusProbe probe) {
            return statusProbe(p -> probe);
        }

        /**
         * Mounts another part's HTTP service at a path (e.g. "/tls" for TlsAskService). Paths under /api/v1
         * need a token like every API route; others are open, so mount only what must be.
         */
        public Builder service(String path, Function<Parts, io.helidon.webserver.http.HttpService> factory) {
            this.services.put(path, factory);
            return this;
        }

        /** Runs after the server listens (reconcile on start, sd_notify READY...). */
        public Builder afterStart(Function<Parts, Runnable> factory) {
            this.afterStart.add(factory);
            return this;
        }

        /** Shown by /status as supervisor (e.g. DynoSupervisor.kind()); default: the configured one. */
        public Builder supervisorKind(String kind) {
            this.supervisorKind = kind;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Where the first admin token is printed. */
        public Builder out(PrintStream out) {
            this.out = out;
            return this;
        }

        /** How long a followed log may stay quiet before an empty line checks that its client is still there. */
        public Builder logHeartbeat(java.time.Duration every) {
            this.logHeartbeat = every;
            return this;
        }

        /** The first retry of a failed webhook delivery waits this long, each next one three times longer. */
        public Builder webhookRetryBase(java.time.Duration base) {
            this.webhookRetryBase = base;
            return this;
        }

        public Builder logPollMillis(long millis) {
            this.logPollMillis = millis;
            return this;
        }

        public Daemon build() {
            return new Daemon(this);
        }
    }
}
