package win.pvdify.api.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import win.pvdify.api.AddDomain;
import win.pvdify.api.App;
import win.pvdify.api.Build;
import win.pvdify.api.AuditEntry;
import win.pvdify.api.CreateWebhook;
import win.pvdify.api.Webhook;
import win.pvdify.api.WebhookDelivery;
import win.pvdify.api.ConfigVars;
import win.pvdify.api.CreateApp;
import win.pvdify.api.CreateToken;
import win.pvdify.api.CreatedToken;
import win.pvdify.api.DeployProgress;
import win.pvdify.api.DeployRequest;
import win.pvdify.api.DnsRecord;
import win.pvdify.api.DnsZone;
import win.pvdify.api.Domain;
import win.pvdify.api.FormationEntry;
import win.pvdify.api.Health;
import win.pvdify.api.HealthcheckReport;
import win.pvdify.api.Maintenance;
import win.pvdify.api.ScheduledJob;
import win.pvdify.api.Operation;
import win.pvdify.api.OperationEvent;
import win.pvdify.api.Processes;
import win.pvdify.api.ApiJson;
import win.pvdify.api.BadJson;
import win.pvdify.api.RegistryCredential;
import win.pvdify.api.Release;
import win.pvdify.api.RestartRequest;
import win.pvdify.api.RollbackRequest;
import win.pvdify.api.ScaleRequest;
import win.pvdify.api.SystemStatus;
import win.pvdify.api.Run;
import win.pvdify.api.RunRequest;
import win.pvdify.api.RunSettings;
import win.pvdify.api.Token;
import win.pvdify.api.UpdateApp;
import win.pvdify.api.Whoami;

/**
 * A typed client of the pvdifyd REST API (/api/v1), used by the CLI and the dashboard: the catalogue of
 * endpoints. One instance per base URL and token; thread-safe. Requests go through
 * {@link UrlConnectionTransport}; PATCH and the non-blocking log follow through {@link JdkHttpTransport}, made
 * only when first used.
 *
 * <p>Changes (deploy, rollback, config, scale, restart, domains, maintenance, app delete) are operations that
 * pvdifyd queues and runs whatever happens to the client. Each comes in two forms: {@code startX(...)} answers at once with
 * the queued {@link Operation} (202), which {@link #followOperation} follows to its end; {@code x(...)} asks
 * with {@code ?wait=true} and returns what the change made, when it has ended (the blocking answer).
 */
public final class PvdifyClient {
    /**
     * Blocking changes answer when the new dynos serve or have failed: minutes. Reads answer at once, so a hung
     * server ends a `pvdify ps` after a minute, not fifteen.
     */
    static final int CHANGE_TIMEOUT_MS = 15 * 60_000;
    static final int GET_TIMEOUT_MS = 60_000;
    private static final String WAIT = "?wait=true";

    private final UrlConnectionTransport http;
    private final JdkHttpTransport jdk;
    private final int getTimeoutMs;
    private final long[] followBackoffMs;

    public PvdifyClient(String baseUrl, String token) {
        this(baseUrl, token, GET_TIMEOUT_MS, OperationFollow.BACKOFF_MS);
    }

    PvdifyClient(String baseUrl, String token, int getTimeoutMs) {
        this(baseUrl, token, getTimeoutMs, OperationFollow.BACKOFF_MS);
    }

    PvdifyClient(String baseUrl, String token, int getTimeoutMs, long[] followBackoffMs) {
        this.getTimeoutMs = getTimeoutMs;
        this.followBackoffMs = followBackoffMs;
        URI base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        String scheme = base.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || base.getHost() == null) {
            throw new IllegalArgumentException("the API URL must be http(s)://host[:port], got '" + baseUrl + "'");
        }
        this.http = new UrlConnectionTransport(base, token);
        this.jdk = new JdkHttpTransport(http);
    }

    public URI baseUrl() {
        return http.base;
    }

    // --- health, identity, status -------------------------------------------------------------------

    public Health health() {
        return get("/health", Health.class);
    }

    public Whoami whoami() {
        return get(api("/whoami"), Whoami.class);
    }

    public SystemStatus status() {
        return get(api("/status"), SystemStatus.class);
    }

    // --- apps ---------------------------------------------------------------------------------------

    public List<App> apps() {
        return getList(api("/apps"), App.class);
    }

    public App app(String name) {
        return get(app(name, ""), App.class);
    }

    public App createApp(CreateApp request) {
        return post(api("/apps"), request, App.class);
    }

    /** The deploy health check, configured and effective (change it with updateApp's healthcheck). */
    public HealthcheckReport checks(String app) {
        return get(app(app, "/checks"), HealthcheckReport.class);
    }

    public App updateApp(String name, UpdateApp request) {
        byte[] raw = jdk.patch(app(name, ""), http.json.write(request), CHANGE_TIMEOUT_MS);
        return (App) http.parse(raw, App.class);
    }

    /** Deletes the app and waits until its dynos, routes and records are gone. */
    public void deleteApp(String name) {
        change("DELETE", app(name, WAIT), null, Void.class);
    }

    public Operation startDeleteApp(String name) {
        return start("DELETE", app(name, ""), null);
    }

    /** force: cancel the app's other operations, no drain, dynos killed at once (for stuck apps). */
    public Operation startDeleteApp(String name, boolean force) {
        return start("DELETE", app(name, force ? "?force=true" : ""), null);
    }

    // --- releases -----------------------------------------------------------------------------------

    public List<Release> releases(String app) {
        return getList(app(app, "/releases"), Release.class);
    }

    public Release release(String app, int version) {
        return get(app(app, "/releases/" + version), Release.class);
    }

    /** Deploys and waits for the outcome; the answer is the release, status current or failed. */
    public Release deploy(String app, DeployRequest request) {
        return change("POST", app(app, "/releases" + WAIT), request, Release.class);
    }

    public Operation startDeploy(String app, DeployRequest request) {
        return start("POST", app(app, "/releases"), request);
    }

    /**
     * Deploys and streams progress lines (Accept: application/x-ndjson, the form before operations) to the
     * listener; returns the final release. New code follows {@link #startDeploy}'s operation instead.
     */
    public Release deploy(String app, DeployRequest request, Consumer<DeployProgress> progress) {
        UrlConnectionTransport.Answer res = http.open("POST", app(app, "/releases"), "application/x-ndjson",
                http.json.write(request), Map.of(), CHANGE_TIMEOUT_MS);
        Release last = null;
        try (BufferedReader in = res.lines()) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                DeployProgress p = http.json.read(line, DeployProgress.class);
                progress.accept(p);
                if (p.release() != null) {
                    last = p.release();
                }
            }
        } catch (IOException | BadJson e) {
            throw new ApiException("deploy stream broke: " + e.getMessage(), e);
        }
        if (last == null) {
            throw new ApiException(502, "the deploy stream ended without a release", null);
        }
        return last;
    }

    public Release rollback(String app, Integer version) {
        return change("POST", app(app, "/rollback" + WAIT), new RollbackRequest(version), Release.class);
    }

    public Operation startRollback(String app, Integer version) {
        return start("POST", app(app, "/rollback"), new RollbackRequest(version));
    }

    // --- config -------------------------------------------------------------------------------------

    public ConfigVars config(String app) {
        return get(app(app, "/config"), ConfigVars.class);
    }

    /** Sets vars (a null value unsets that key) and waits for the release the change makes. */
    public ConfigVars setConfig(String app, Map<String, String> vars) {
        return change("PUT", app(app, "/config" + WAIT), nullable(vars), ConfigVars.class);
    }

    public Operation startSetConfig(String app, Map<String, String> vars) {
        return start("PUT", app(app, "/config"), nullable(vars));
    }

    public ConfigVars unsetConfig(String app, String key) {
        return change("DELETE", app(app, "/config/" + seg(key) + WAIT), null, ConfigVars.class);
    }

    public Operation startUnsetConfig(String app, String key) {
        return start("DELETE", app(app, "/config/" + seg(key)), null);
    }

    /** A copy that keeps null values (a HashMap does; Map.of does not): null means "unset this key". */
    private static Map<String, String> nullable(Map<String, String> vars) {
        return new LinkedHashMap<>(vars);
    }

    // --- domains ------------------------------------------------------------------------------------

    public List<Domain> domains(String app) {
        return getList(app(app, "/domains"), Domain.class);
    }

    public Domain addDomain(String app, AddDomain request) {
        return change("POST", app(app, "/domains" + WAIT), request, Domain.class);
    }

    public Operation startAddDomain(String app, AddDomain request) {
        return start("POST", app(app, "/domains"), request);
    }

    public void removeDomain(String app, String hostname) {
        change("DELETE", app(app, "/domains/" + seg(hostname) + WAIT), null, Void.class);
    }

    public Operation startRemoveDomain(String app, String hostname) {
        return start("DELETE", app(app, "/domains/" + seg(hostname)), null);
    }

    // --- processes ----------------------------------------------------------------------------------

    public Processes ps(String app) {
        return get(app(app, "/ps"), Processes.class);
    }

    public Processes scale(String app, List<FormationEntry> updates) {
        return change("POST", app(app, "/ps/scale" + WAIT), new ScaleRequest(updates), Processes.class);
    }

    public Operation startScale(String app, List<FormationEntry> updates) {
        return start("POST", app(app, "/ps/scale"), new ScaleRequest(updates));
    }

    public Processes restart(String app, String type) {
        return change("POST", app(app, "/ps/restart" + WAIT), new RestartRequest(type), Processes.class);
    }

    public Operation startRestart(String app, String type) {
        return start("POST", app(app, "/ps/restart"), new RestartRequest(type));
    }

    /** Stops a dyno ("web.1") or a type's dynos ("web"); fresh ones replace them. force: killed at once. */
    public Operation startStop(String app, String dyno, boolean force) {
        return start("POST", app(app, "/ps/stop"), new win.pvdify.api.StopRequest(dyno, force));
    }

    // --- maintenance --------------------------------------------------------------------------------

    public Maintenance maintenance(String app) {
        return get(app(app, "/maintenance"), Maintenance.class);
    }

    /** Switches maintenance mode and waits for it (the state as it ended). */
    public Maintenance setMaintenance(String app, Maintenance request) {
        return change("PUT", app(app, "/maintenance" + WAIT), request, Maintenance.class);
    }

    public Operation startSetMaintenance(String app, Maintenance request) {
        return start("PUT", app(app, "/maintenance"), request);
    }

    // --- cron (scheduled jobs) ----------------------------------------------------------------------

    /** The app's scheduled jobs with last run, exit status and next run. */
    public List<ScheduledJob> cron(String app) {
        return getList(app(app, "/cron"), ScheduledJob.class);
    }

    /** Adds or changes a job (by name) and waits for it: the jobs as they are then. */
    public List<ScheduledJob> addCron(String app, ScheduledJob job) {
        return changeList("POST", app(app, "/cron" + WAIT), job, ScheduledJob.class);
    }

    public Operation startAddCron(String app, ScheduledJob job) {
        return start("POST", app(app, "/cron"), job);
    }

    public List<ScheduledJob> removeCron(String app, String name) {
        return changeList("DELETE", app(app, "/cron/" + seg(name) + WAIT), null, ScheduledJob.class);
    }

    public Operation startRemoveCron(String app, String name) {
        return start("DELETE", app(app, "/cron/" + seg(name)), null);
    }

    /** Runs a job now (forbid: not while it runs; the operation's events say which). */
    public List<ScheduledJob> runCron(String app, String name) {
        return changeList("POST", app(app, "/cron/" + seg(name) + "/run" + WAIT), null, ScheduledJob.class);
    }

    public Operation startRunCron(String app, String name) {
        return start("POST", app(app, "/cron/" + seg(name) + "/run"), null);
    }

    // --- builds from source -------------------------------------------------------------------------

    /**
     * Uploads a source tarball (tar or tar.gz) and starts its build (201: the build, pending); version: the
     * commit it is (null: its sha256), description: the release's (null: "Build N (...)").
     */
    public Build startBuild(String app, java.nio.file.Path tarball, String version, String description) {
        StringBuilder q = new StringBuilder();
        if (version != null) {
            q.append(q.isEmpty() ? "?" : "&").append("version=").append(URLEncoder.encode(version, StandardCharsets.UTF_8));
        }
        if (description != null) {
            q.append(q.isEmpty() ? "?" : "&").append("description=")
                    .append(URLEncoder.encode(description, StandardCharsets.UTF_8));
        }
        return (Build) http.upload(app(app, "/builds" + q), "application/x-tar", tarball, Build.class,
                CHANGE_TIMEOUT_MS);
    }

    /** The app's builds, newest first. */
    public List<Build> builds(String app) {
        return getList(app(app, "/builds"), Build.class);
    }

    public Build build(String app, int id) {
        return get(app(app, "/builds/" + id), Build.class);
    }

    public Build cancelBuild(String app, int id) {
        return post(app(app, "/builds/" + id + "/cancel"), null, Build.class);
    }

    /** Hands each line of the build's output to the sink; follow: until the build has ended. */
    public void buildOutput(String app, int id, boolean follow, Consumer<String> sink) {
        UrlConnectionTransport.Answer res = http.open("GET", app(app, "/builds/" + id + "/output?follow=" + follow),
                "text/plain", (byte[]) null, Map.of(), follow ? 0 : getTimeoutMs);
        try (BufferedReader in = res.lines()) {
            String line;
            while ((line = in.readLine()) != null) {
                sink.accept(line);
            }
        } catch (IOException e) {
            throw http.failed(e);
        }
    }

    // --- add-ons ------------------------------------------------------------------------------------

    /** Every add-on (admin). */
    public List<win.pvdify.api.Addon> addons() {
        return getList(api("/addons"), win.pvdify.api.Addon.class);
    }

    /** The add-ons the app created or uses. */
    public List<win.pvdify.api.Addon> addons(String app) {
        return getList(app(app, "/addons"), win.pvdify.api.Addon.class);
    }

    public win.pvdify.api.Addon addon(String name) {
        return get(api("/addons/" + seg(name)), win.pvdify.api.Addon.class);
    }

    /** Creates an add-on for the app and waits until it runs and is attached (its config release is queued). */
    public win.pvdify.api.Addon createAddon(String app, win.pvdify.api.CreateAddon request) {
        return change("POST", app(app, "/addons" + WAIT), request, win.pvdify.api.Addon.class);
    }

    public Operation startCreateAddon(String app, win.pvdify.api.CreateAddon request) {
        return start("POST", app(app, "/addons"), request);
    }

    public win.pvdify.api.Addon attachAddon(String name, win.pvdify.api.AttachAddon request) {
        return change("POST", api("/addons/" + seg(name) + "/attachments" + WAIT), request,
                win.pvdify.api.Addon.class);
    }

    public Operation startAttachAddon(String name, win.pvdify.api.AttachAddon request) {
        return start("POST", api("/addons/" + seg(name) + "/attachments"), request);
    }

    public win.pvdify.api.Addon detachAddon(String name, String app) {
        return change("DELETE", api("/addons/" + seg(name) + "/attachments/" + seg(app) + WAIT), null,
                win.pvdify.api.Addon.class);
    }

    public Operation startDetachAddon(String name, String app) {
        return start("DELETE", api("/addons/" + seg(name) + "/attachments/" + seg(app)), null);
    }

    public win.pvdify.api.Addon restartAddon(String name) {
        return change("POST", api("/addons/" + seg(name) + "/restart" + WAIT), null, win.pvdify.api.Addon.class);
    }

    public Operation startRestartAddon(String name) {
        return start("POST", api("/addons/" + seg(name) + "/restart"), null);
    }

    /** Destroys the add-on (container, volume, the apps' config vars); confirm must be its name. */
    public void destroyAddon(String name, String confirm) {
        changeList("DELETE", api("/addons/" + seg(name) + WAIT + "&confirm=" + seg(confirm)), null,
                win.pvdify.api.Addon.class);
    }

    public Operation startDestroyAddon(String name, String confirm) {
        return start("DELETE", api("/addons/" + seg(name) + "?confirm=" + seg(confirm)), null);
    }

    /** An attached one-off run of the app with the add-on's client (pg:psql, redis:cli); attach with attachRun. */
    public Run connectAddon(String addon, String app, boolean tty) {
        return post(api("/addons/" + seg(addon) + "/connect"), new win.pvdify.api.ConnectAddon(app, tty), Run.class);
    }

    /** The add-on's backups, newest first. */
    public List<win.pvdify.api.AddonBackup> backups(String addon) {
        return getList(api("/addons/" + seg(addon) + "/backups"), win.pvdify.api.AddonBackup.class);
    }

    /** Captures a backup and waits for it: the backups as they are then (the new one first). */
    public List<win.pvdify.api.AddonBackup> captureBackup(String addon) {
        return changeList("POST", api("/addons/" + seg(addon) + "/backups" + WAIT), null,
                win.pvdify.api.AddonBackup.class);
    }

    public Operation startCaptureBackup(String addon) {
        return start("POST", api("/addons/" + seg(addon) + "/backups"), null);
    }

    public List<win.pvdify.api.AddonBackup> restoreBackup(String addon, long id) {
        return changeList("POST", api("/addons/" + seg(addon) + "/backups/" + id + "/restore" + WAIT), null,
                win.pvdify.api.AddonBackup.class);
    }

    public Operation startRestoreBackup(String addon, long id) {
        return start("POST", api("/addons/" + seg(addon) + "/backups/" + id + "/restore"), null);
    }

    /** Streams the decrypted backup (pg_dump custom format) into out. */
    public void downloadBackup(String addon, long id, java.io.OutputStream out) {
        UrlConnectionTransport.Answer res = http.open("GET", api("/addons/" + seg(addon) + "/backups/" + id
                + "/download"), "application/octet-stream", (byte[]) null, Map.of(), 0);
        try (res) {
            res.body().transferTo(out);
        } catch (IOException e) {
            throw new ApiException("backup download broke: " + e.getMessage(), e);
        }
    }

    // --- operations ---------------------------------------------------------------------------------

    // --- one-off runs -------------------------------------------------------------------------------

    /** Starts a one-off run (201); an attached one then waits for {@link #attachRun}. */
    public Run run(String app, RunRequest request) {
        return post(app(app, "/runs"), request, Run.class);
    }

    /** The app's runs that have not ended (all: the last 100, ended ones too), newest first. */
    public List<Run> runs(String app, boolean all) {
        return getList(app(app, "/runs" + (all ? "?all=true" : "")), Run.class);
    }

    public Run runInfo(String app, int number) {
        return get(app(app, "/runs/" + number), Run.class);
    }

    public Run stopRun(String app, int number) {
        return post(app(app, "/runs/" + number + "/stop"), null, Run.class);
    }

    /**
     * Attaches to an attached run, which then starts: output goes to out and err as it comes; rows and cols
     * (0 = unknown) set its terminal's size.
     */
    public RunConnection attachRun(String app, int number, int rows, int cols, java.io.OutputStream out,
                                   java.io.OutputStream err) {
        return RunConnection.open(http, app, number, rows, cols, out, err);
    }

    public RunSettings runSettings(String app) {
        return get(app(app, "/runs/settings"), RunSettings.class);
    }

    public RunSettings setRunSettings(String app, RunSettings settings) {
        return change("PUT", app(app, "/runs/settings"), settings, RunSettings.class);
    }

    // --- operations --------------------------------------------------------------------------------

    public Operation operation(long id) {
        return get(api("/operations/" + id), Operation.class);
    }

    /** The app's operations, newest first: the running and queued ones and the history. */
    public List<Operation> operations(String app, int limit) {
        return getList(app(app, "/operations?limit=" + limit), Operation.class);
    }

    /** Cancels a queued or running operation (409 when it has ended); answers the operation as it is now. */
    public Operation cancelOperation(long id) {
        return change("DELETE", api("/operations/" + id), null, Operation.class);
    }

    /**
     * Hands each event after afterSeq (0: from the first) to the listener, re-attaching after a dropped stream,
     * and returns the operation as it ended (succeeded, failed or cancelled).
     */
    public Operation followOperation(long id, long afterSeq, Consumer<OperationEvent> listener) {
        return operationFollow(id, afterSeq, listener).run();
    }

    /** Like {@link #followOperation}, as a handle another thread can close (the dashboard's live views). */
    public OperationFollow operationFollow(long id, long afterSeq, Consumer<OperationEvent> listener) {
        return new OperationFollow(http, id, afterSeq, listener, followBackoffMs);
    }

    // --- logs ---------------------------------------------------------------------------------------

    /** The last lines of the app's log, Heroku format, oldest first. */
    public List<String> logs(String app, int lines, String process) {
        List<String> out = new ArrayList<>();
        streamLogs(app, lines, process, false, out::add);
        return out;
    }

    /** Reads log lines (follow: until the server or the caller ends it) and hands each to the sink. */
    public void streamLogs(String app, int lines, String process, boolean follow, Consumer<String> sink) {
        // a follow waits for lines as long as it takes; the server ends it, or the caller does
        UrlConnectionTransport.Answer res = http.open("GET", logsPath(app, lines, process, follow), "text/plain",
                (byte[]) null, Map.of(), follow ? 0 : getTimeoutMs);
        try (BufferedReader in = res.lines()) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isEmpty()) { // a follow's heartbeat: no log line is ever empty
                    sink.accept(line);
                }
            }
        } catch (IOException e) {
            throw new ApiException("log stream broke: " + e.getMessage(), e);
        }
    }

    /**
     * Follows the app's log without holding a thread: each line goes to the sink (on an HttpClient thread) until
     * the stream ends or the returned handle is closed. onEnd gets null when the server ended the stream, or the
     * error; it is not called after close().
     */
    public LogFollow followLogs(String app, int lines, String process, Consumer<String> sink,
                                Consumer<ApiException> onEnd) {
        return jdk.lines(logsPath(app, lines, process, true), "text/plain", sink, onEnd);
    }

    private String logsPath(String app, int lines, String process, boolean follow) {
        StringBuilder q = new StringBuilder("/logs?lines=").append(lines);
        if (process != null) {
            q.append("&process=").append(URLEncoder.encode(process, StandardCharsets.UTF_8));
        }
        if (follow) {
            q.append("&follow=true");
        }
        return app(app, q.toString());
    }

    // --- export -------------------------------------------------------------------------------------

    /**
     * The app's current release as Kubernetes manifests (multi-document YAML). includeSecrets: config values and
     * registry passwords in the Secrets (admins only); certIssuer: a cert-manager ClusterIssuer for the Ingress
     * (null = no TLS section).
     */
    public String exportKube(String app, boolean includeSecrets, String certIssuer) {
        StringBuilder q = new StringBuilder("/export?format=kube");
        if (includeSecrets) {
            q.append("&include_secrets=true");
        }
        if (certIssuer != null) {
            q.append("&cert_issuer=").append(URLEncoder.encode(certIssuer, StandardCharsets.UTF_8));
        }
        try (UrlConnectionTransport.Answer res = http.open("GET", app(app, q.toString()), "application/yaml", (byte[]) null,
                Map.of(), getTimeoutMs)) {
            return new String(res.body().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ApiException("export broke off: " + e.getMessage(), e);
        }
    }

    // --- tokens -------------------------------------------------------------------------------------

    public List<Token> tokens() {
        return getList(api("/tokens"), Token.class);
    }

    public CreatedToken createToken(CreateToken request) {
        return post(api("/tokens"), request, CreatedToken.class);
    }

    public void revokeToken(String id) {
        change("DELETE", api("/tokens/" + seg(id)), null, Void.class);
    }

    // --- webhooks (admin) --------------------------------------------------------------------------

    public List<Webhook> webhooks(String app) {
        return getList(app(app, "/webhooks"), Webhook.class);
    }

    public Webhook addWebhook(String app, CreateWebhook request) {
        return post(app(app, "/webhooks"), request, Webhook.class);
    }

    public void removeWebhook(String app, String id) {
        change("DELETE", app(app, "/webhooks/" + seg(id)), null, Void.class);
    }

    /** The webhook's deliveries, newest first. */
    public List<WebhookDelivery> webhookDeliveries(String app, String id, int limit) {
        return getList(app(app, "/webhooks/" + seg(id) + "/deliveries?limit=" + limit), WebhookDelivery.class);
    }

    // --- control-plane backup (admin) -------------------------------------------------------------

    /**
     * Has the server make a control-plane backup now and copies it to out (encrypted with the server's keyset,
     * which is not in it). Returns what it holds ("3 apps, 12 releases, 4 tokens").
     */
    public String backup(java.io.OutputStream out) {
        try (UrlConnectionTransport.Answer a = http.open("POST", api("/backups"), "application/octet-stream", (byte[]) null,
                Map.of(), CHANGE_TIMEOUT_MS)) {
            a.body().transferTo(out);
            String counts = a.connection().getHeaderField("X-Pvdify-Backup-Contents");
            return counts == null ? "" : counts;
        } catch (java.io.IOException e) {
            throw new ApiException("the backup download broke off: " + e.getMessage(), e);
        }
    }

    // --- audit log (admin) -------------------------------------------------------------------------

    /**
     * The audit log, newest first: of app (null: all), since an instant or age ("2026-01-15T10:30:00Z", "2h";
     * null: any time), older than entry before (null: the newest), at most limit entries.
     */
    public List<AuditEntry> audit(String app, String since, Long before, int limit) {
        StringBuilder q = new StringBuilder("/audit?limit=").append(limit);
        if (app != null) {
            q.append("&app=").append(URLEncoder.encode(app, StandardCharsets.UTF_8));
        }
        if (since != null) {
            q.append("&since=").append(URLEncoder.encode(since, StandardCharsets.UTF_8));
        }
        if (before != null) {
            q.append("&before=").append(before);
        }
        return getList(api(q.toString()), AuditEntry.class);
    }

    // --- registries (admin) ------------------------------------------------------------------------

    public List<RegistryCredential> registries() {
        return getList(api("/registries"), RegistryCredential.class);
    }

    /** Stores (or replaces) the login for a private registry host[:port]. */
    public RegistryCredential addRegistry(String registry, String username, String password) {
        return post(api("/registries"), new RegistryCredential(registry, username, password, null),
                RegistryCredential.class);
    }

    public void removeRegistry(String registry) {
        change("DELETE", api("/registries/" + seg(registry)), null, Void.class);
    }

    // --- cloudflare ---------------------------------------------------------------------------------

    public List<DnsZone> dnsZones() {
        return getList(api("/cloudflare/zones"), DnsZone.class);
    }

    public List<DnsRecord> dnsRecords(String zoneId) {
        return getList(api("/cloudflare/zones/" + seg(zoneId) + "/records"), DnsRecord.class);
    }

    // --- plumbing -----------------------------------------------------------------------------------

    private static String seg(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String api(String path) {
        return "/api/v1" + path;
    }

    private static String app(String name, String rest) {
        return api("/apps/" + seg(name) + rest);
    }

    private <T> T get(String path, Class<T> type) {
        return type.cast(http.send("GET", path, null, type, getTimeoutMs));
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> getList(String path, Class<T> element) {
        Type t = ApiJson.listOf(element);
        return (List<T>) http.send("GET", path, null, t, getTimeoutMs);
    }

    private <T> T post(String path, Object body, Class<T> type) {
        return change("POST", path, body, type);
    }

    private <T> T change(String method, String path, Object body, Class<T> type) {
        return type.cast(http.send(method, path, body, type, CHANGE_TIMEOUT_MS));
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> changeList(String method, String path, Object body, Class<T> element) {
        return (List<T>) http.send(method, path, body, ApiJson.listOf(element), CHANGE_TIMEOUT_MS);
    }

    /** A change that answers at once (202) with its queued operation. */
    private Operation start(String method, String path, Object body) {
        return (Operation) http.send(method, path, body, Operation.class, getTimeoutMs);
    }
}
