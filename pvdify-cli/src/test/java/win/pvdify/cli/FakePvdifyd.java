package win.pvdify.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import win.pvdify.api.AddDomain;
import win.pvdify.api.ApiError;
import win.pvdify.api.ApiJson;
import win.pvdify.api.App;
import win.pvdify.api.ConfigVars;
import win.pvdify.api.CreateApp;
import win.pvdify.api.CreateToken;
import win.pvdify.api.CreatedToken;
import win.pvdify.api.DeployRequest;
import win.pvdify.api.DnsRecord;
import win.pvdify.api.DnsZone;
import win.pvdify.api.Domain;
import win.pvdify.api.Dyno;
import win.pvdify.api.FormationEntry;
import win.pvdify.api.Healthcheck;
import win.pvdify.api.HealthcheckReport;
import win.pvdify.api.Operation;
import win.pvdify.api.OperationEvent;
import win.pvdify.api.Processes;
import win.pvdify.api.RegistryCredential;
import win.pvdify.api.Release;
import win.pvdify.api.RestartRequest;
import win.pvdify.api.RollbackRequest;
import win.pvdify.api.ScaleRequest;
import win.pvdify.api.StatusCheck;
import win.pvdify.api.SystemStatus;
import win.pvdify.api.Token;
import win.pvdify.api.UpdateApp;
import win.pvdify.api.Whoami;

/**
 * An in-process stand-in for pvdifyd's REST contract (JDK HttpServer, in-memory state), for the CLI's unit
 * tests only. It records every request so tests can check what the CLI sent.
 */
final class FakePvdifyd implements AutoCloseable {
    static final String ADMIN_TOKEN = "admin-secret-token-123";
    static final Instant T0 = Instant.parse("2026-01-15T10:30:00Z");

    record Request(String method, String path, String query, String body, String authorization) {
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    final Map<String, App> apps = Collections.synchronizedMap(new LinkedHashMap<>());
    final Map<String, List<Release>> releases = new HashMap<>();
    final Map<String, Map<String, String>> config = new HashMap<>();
    final Map<String, List<Domain>> domains = new HashMap<>();
    final Map<String, List<FormationEntry>> formation = new HashMap<>();
    final Map<String, win.pvdify.api.Maintenance> maintenance = new HashMap<>();
    final Map<String, Token> tokens = new LinkedHashMap<>();
    final Map<String, String> tokenSecrets = new HashMap<>();
    final Map<String, RegistryCredential> registries = new LinkedHashMap<>();
    /** The passwords the CLI sent, by registry (the API never shows them back). */
    final Map<String, String> registryPasswords = new HashMap<>();
    /** Cloudflare zones with their records; null = Cloudflare not configured (409, like pvdifyd). */
    Map<DnsZone, List<DnsRecord>> cloudflare = null;
    /** Log lines served per connection to /logs; a follow stream ends after its lines (a "drop"). */
    final List<List<String>> logBatches = new CopyOnWriteArrayList<>();
    /** Operations: every change answers 202 with one, already ended unless the image starts with "slow". */
    final Map<Long, Operation> operations = new LinkedHashMap<>();
    final Map<Long, List<OperationEvent>> operationEvents = new HashMap<>();
    /** Per connection to an events stream: after how many events it drops (-1 or beyond the list: never). */
    final List<Integer> eventCuts = new CopyOnWriteArrayList<>();
    /** Event streams of operations that have not ended stay open until this is counted down. */
    final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    final java.util.concurrent.atomic.AtomicInteger openStreams = new java.util.concurrent.atomic.AtomicInteger();
    private int eventConnections;
    private final ApiJson json = new ApiJson();
    private final HttpServer server;
    private int logConnections;

    FakePvdifyd() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized void addApp(String name) {
        apps.put(name, app(name, "production", "created", null, null));
        releases.put(name, new ArrayList<>());
        config.put(name, new LinkedHashMap<>());
        domains.put(name, new ArrayList<>(List.of(new Domain(name + ".pvdify.test", "default", null, null, T0))));
        formation.put(name, new ArrayList<>());
    }

    synchronized void addRelease(String app, String image, String status) {
        List<Release> rs = releases.get(app);
        rs.replaceAll(r -> "current".equals(r.status()) && "current".equals(status) ? with(r, "superseded") : r);
        rs.add(new Release(rs.size() + 1, image, "sha256:" + rs.size(), 1, status, "Deploy " + image, "admin",
                "failed".equals(status) ? "health check failed\nweb.1: listening on 9999\nweb.1: exit 1" : null, T0));
    }

    List<Request> requests(String method, String pathPrefix) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).toList();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }

    private static App app(String name, String env, String status, String image, Integer release) {
        return new App(name, env, status, image, release, 5000, null, null, false, "https://" + name + ".pvdify.test",
                List.of(name + ".pvdify.test"), T0, T0);
    }

    private static Release with(Release r, String status) {
        return new Release(r.version(), r.image(), r.imageDigest(), r.configVersion(), status, r.description(),
                r.createdBy(), r.failureReason(), r.createdAt());
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = ex.getRequestURI().getRawPath();
        String query = ex.getRequestURI().getRawQuery();
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        requests.add(new Request(ex.getRequestMethod(), path, query, body, auth));
        try {
            if (path.matches("/api/v1/operations/[0-9]+/events")) {
                events(ex, Long.parseLong(path.split("/")[4]), ex.getRequestHeaders().getFirst("Last-Event-ID"));
                return;
            }
            synchronized (this) {
                route(ex, ex.getRequestMethod(), path, query, body, auth);
            }
        } catch (RuntimeException e) {
            send(ex, 500, new ApiError("fake: " + e, "req-500"));
        } finally {
            ex.close();
        }
    }

    private void route(HttpExchange ex, String method, String path, String query, String body, String auth)
            throws IOException {
        if (path.equals("/health")) {
            send(ex, 200, Map.of("status", "ok", "version", "0.1.0"));
            return;
        }
        String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
        Token deploy = token == null ? null : tokens.values().stream()
                .filter(t -> token.equals(tokenSecrets.get(t.id()))).findFirst().orElse(null);
        if (!ADMIN_TOKEN.equals(token) && deploy == null) {
            send(ex, 401, new ApiError("invalid or missing token", "req-401"));
            return;
        }
        String[] p = path.substring("/api/v1/".length()).split("/");
        for (int i = 0; i < p.length; i++) {
            p[i] = URLDecoder.decode(p[i], StandardCharsets.UTF_8);
        }
        if (deploy != null && !(p[0].equals("whoami") || (p[0].equals("apps") && p.length > 1
                && p[1].equals(deploy.app())))) {
            send(ex, 403, new ApiError("this token may only act on app " + deploy.app(), "req-403"));
            return;
        }
        switch (p[0]) {
            case "whoami" -> send(ex, 200, deploy == null ? new Whoami("admin", null, "tok-admin")
                    : new Whoami("deploy", deploy.app(), deploy.id()));
            case "status" -> send(ex, 200, new SystemStatus("ok", "0.1.0", "systemd",
                    List.of(new StatusCheck("api", "ok", "answering"), new StatusCheck("cloudflare",
                            "not_configured", "no token"))));
            case "tokens" -> tokens(ex, method, p, body);
            case "registries" -> registries(ex, method, p, body);
            case "cloudflare" -> cloudflare(ex, p);
            case "apps" -> apps(ex, method, p, query, body);
            case "operations" -> operation(ex, method, p);
            default -> send(ex, 404, new ApiError("no such route", "req-404"));
        }
    }

    private void tokens(HttpExchange ex, String method, String[] p, String body) throws IOException {
        if (p.length == 1 && method.equals("GET")) {
            send(ex, 200, new ArrayList<>(tokens.values()));
        } else if (p.length == 1 && method.equals("POST")) {
            CreateToken n = json.read(body, CreateToken.class);
            String id = "tok-" + (tokens.size() + 1);
            Token t = new Token(id, n.kind(), n.app(), n.description(), T0, null);
            tokens.put(id, t);
            tokenSecrets.put(id, "pvd_deploy_secret_" + id);
            send(ex, 201, new CreatedToken(t, "pvd_deploy_secret_" + id));
        } else if (p.length == 2 && method.equals("DELETE")) {
            if (tokens.remove(p[1]) == null) {
                send(ex, 404, new ApiError("no token " + p[1], "req-t404"));
            } else {
                send(ex, 204, null);
            }
        } else {
            send(ex, 405, new ApiError("method not allowed", "req-405"));
        }
    }

    private void registries(HttpExchange ex, String method, String[] p, String body) throws IOException {
        if (p.length == 1 && method.equals("GET")) {
            send(ex, 200, new ArrayList<>(registries.values()));
        } else if (p.length == 1 && method.equals("POST")) {
            RegistryCredential n = json.read(body, RegistryCredential.class);
            String registry = n.registry();
            RegistryCredential c = new RegistryCredential(registry, n.username(), null, T0);
            registries.put(registry, c);
            registryPasswords.put(registry, n.password());
            send(ex, 201, c);
        } else if (p.length == 2 && method.equals("DELETE")) {
            boolean removed = registries.remove(p[1]) != null;
            send(ex, removed ? 204 : 404, removed ? null : new ApiError("no login for registry '" + p[1] + "'", "req-g404"));
        } else {
            send(ex, 405, new ApiError("method not allowed", "req-405"));
        }
    }

    private void cloudflare(HttpExchange ex, String[] p) throws IOException {
        if (cloudflare == null) {
            send(ex, 409, new ApiError("Cloudflare is not configured on this server (set CLOUDFLARE_API_TOKEN)",
                    "req-409"));
        } else if (p.length == 2 && p[1].equals("zones")) {
            send(ex, 200, new ArrayList<>(cloudflare.keySet()));
        } else if (p.length == 4 && p[1].equals("zones") && p[3].equals("records")) {
            var zone = cloudflare.entrySet().stream().filter(e -> e.getKey().id().equals(p[2])).findFirst();
            if (zone.isEmpty()) {
                send(ex, 404, new ApiError("no zone '" + p[2] + "'", "req-z404"));
            } else {
                send(ex, 200, zone.get().getValue());
            }
        } else {
            send(ex, 404, new ApiError("no such route", "req-404"));
        }
    }

    private void apps(HttpExchange ex, String method, String[] p, String query, String body) throws IOException {
        if (p.length == 1) {
            if (method.equals("GET")) {
                send(ex, 200, new ArrayList<>(apps.values()));
            } else {
                CreateApp n = json.read(body, CreateApp.class);
                String name = n.name() == null ? "" : n.name();
                if (!name.matches("[a-z][a-z0-9-]{1,29}")) {
                    send(ex, 422, new ApiError("invalid app name", "req-422"));
                } else if (apps.containsKey(name)) {
                    send(ex, 409, new ApiError("app " + name + " already exists", "req-409"));
                } else {
                    addApp(name);
                    String env = n.environment() == null ? "production" : n.environment();
                    apps.put(name, app(name, env, "created", null, null));
                    send(ex, 201, apps.get(name));
                }
            }
            return;
        }
        String name = p[1];
        if (!apps.containsKey(name)) {
            send(ex, 404, new ApiError("app " + name + " not found", "req-a404"));
            return;
        }
        String sub = p.length > 2 ? p[2] : "";
        switch (sub) {
            case "" -> {
                if (method.equals("DELETE")) {
                    apps.remove(name);
                    answerOperation(ex, name, "app_delete", "Delete " + name, null, null,
                            List.<String[]>of(new String[] {"remove", "dynos, routes and env files removed"}));
                } else if (method.equals("PATCH")) {
                    UpdateApp u = json.readValue(body, UpdateApp.class);
                    Healthcheck h = u.healthcheck();
                    if (h != null && h.status() != null && !h.status().matches("[1-5][0-9][0-9](-[1-5][0-9][0-9])?")) {
                        send(ex, 422, new ApiError("healthcheck.status must be a status code or a range like "
                                + "200-399", "req-p422"));
                        return;
                    }
                    App a = apps.get(name);
                    apps.put(name, new App(a.name(), a.environment(), a.status(), a.image(), a.currentRelease(),
                            a.bindPort(), a.resources(), h == null ? a.healthcheck() : h, a.readOnly(), a.webUrl(),
                            a.domains(), a.createdAt(), a.updatedAt()));
                    send(ex, 200, apps.get(name));
                } else {
                    send(ex, 200, apps.get(name));
                }
            }
            case "releases" -> releases(ex, method, name, p, body);
            case "rollback" -> {
                RollbackRequest n = body.isBlank() ? null : json.read(body, RollbackRequest.class);
                List<Release> rs = releases.get(name);
                int target = n != null && n.version() != null ? n.version() : rs.size() - 1;
                if (target < 1 || target > rs.size()) {
                    send(ex, 404, new ApiError("no release v" + target, "req-r404"));
                    return;
                }
                addRelease(name, rs.get(target - 1).image(), "current");
                Release r = rs.get(rs.size() - 1);
                rs.set(rs.size() - 1, new Release(r.version(), r.image(), r.imageDigest(), r.configVersion(),
                        "current", "Rollback to v" + target, "admin", null, T0));
                answerOperation(ex, name, "rollback", "Rollback to v" + target, r.version(), null,
                        List.<String[]>of(new String[] {"start", "web.1 on port 30002"}));
            }
            case "config" -> config(ex, method, name, p, body);
            case "domains" -> domains(ex, method, name, p, body);
            case "ps" -> ps(ex, method, name, p, body);
            case "maintenance" -> maintenance(ex, method, name, body);
            case "checks" -> {
                Healthcheck c = apps.get(name).healthcheck() == null ? new Healthcheck(null, null, null, null)
                        : apps.get(name).healthcheck();
                send(ex, 200, new HealthcheckReport(name, c, new Healthcheck(c.path(),
                        c.interval() == null ? 1 : c.interval(), c.timeout() == null ? 5 : c.timeout(),
                        c.retries() == null ? 3 : c.retries(), c.status() == null ? "200-399" : c.status(), c.body(),
                        c.host(), c.initialDelay() == null ? 0 : c.initialDelay(),
                        c.deployTimeout() == null ? 60 : c.deployTimeout())));
            }
            case "logs" -> logs(ex, query);
            case "operations" -> {
                List<Operation> mine = new ArrayList<>(operations.values().stream()
                        .filter(o -> o.app().equals(name)).toList());
                Collections.reverse(mine);
                send(ex, 200, mine);
            }
            default -> send(ex, 404, new ApiError("no such route", "req-404"));
        }
    }

    private void releases(HttpExchange ex, String method, String name, String[] p, String body) throws IOException {
        List<Release> rs = releases.get(name);
        if (method.equals("GET") && p.length == 3) {
            send(ex, 200, rs);
        } else if (method.equals("GET")) {
            int v = Integer.parseInt(p[3]);
            if (v < 1 || v > rs.size()) {
                send(ex, 404, new ApiError("no release v" + v, "req-r404"));
            } else {
                send(ex, 200, rs.get(v - 1));
            }
        } else {
            String image = json.read(body, DeployRequest.class).image();
            boolean fail = image.startsWith("fail");
            addRelease(name, image, fail ? "failed" : "current");
            Release r = rs.get(rs.size() - 1);
            if (!fail) {
                apps.put(name, app(name, "production", "running", image, r.version()));
            }
            List<String[]> stages = new ArrayList<>(List.of(
                    new String[] {"pull", "layer 1/1 sha256:abc"},
                    new String[] {"start", "web.1 on port 30001"},
                    new String[] {"health", fail ? "web.1 did not answer" : "web.1 healthy"}));
            if (!fail) {
                stages.add(new String[] {"switch", "traffic to v" + r.version()});
            }
            answerOperation(ex, name, "deploy", "Deploy " + image, r.version(),
                    fail ? "health check failed" : image.startsWith("slow") ? "running" : null, stages);
        }
    }

    private void config(HttpExchange ex, String method, String name, String[] p, String body) throws IOException {
        Map<String, String> vars = config.get(name);
        Release made = null;
        if (method.equals("PUT")) {
            Map<String, String> sent = json.read(body, ApiJson.mapOf(String.class));
            sent.forEach((k, v) -> {
                if (v == null) {
                    vars.remove(k);
                } else {
                    vars.put(k, v);
                }
            });
            addRelease(name, "cfg", "current");
            made = releases.get(name).get(releases.get(name).size() - 1);
        } else if (method.equals("DELETE")) {
            if (vars.remove(p[3]) == null) {
                send(ex, 404, new ApiError("no config var " + p[3], "req-c404"));
                return;
            }
            addRelease(name, "cfg", "current");
            made = releases.get(name).get(releases.get(name).size() - 1);
        }
        if (made == null) {
            send(ex, 200, new ConfigVars(releases.get(name).size(), new LinkedHashMap<>(vars), null));
        } else {
            answerOperation(ex, name, "config", "Set config vars", made.version(), null,
                    List.<String[]>of(new String[] {"start", "web.1 on port 30002"}));
        }
    }

    private void domains(HttpExchange ex, String method, String name, String[] p, String body) throws IOException {
        List<Domain> ds = domains.get(name);
        if (method.equals("GET")) {
            send(ex, 200, ds);
        } else if (method.equals("POST")) {
            AddDomain n = json.read(body, AddDomain.class);
            boolean cf = Boolean.TRUE.equals(n.cloudflare());
            Domain d = new Domain(n.hostname(), "custom", cf ? "cf-rec-1" : null,
                    cf ? Boolean.TRUE.equals(n.proxied()) : null, T0);
            ds.add(d);
            answerOperation(ex, name, "domain_add", "Add domain " + d.hostname(), null, null,
                    cf ? List.<String[]>of(new String[] {"dns", "CNAME created"}) : List.of());
        } else {
            boolean removed = ds.removeIf(d -> d.hostname().equals(p[3]) && "custom".equals(d.kind()));
            if (removed) {
                answerOperation(ex, name, "domain_remove", "Remove domain " + p[3], null, null, List.of());
            } else {
                send(ex, 404, new ApiError("no domain " + p[3], "req-d404"));
            }
        }
    }

    private void maintenance(HttpExchange ex, String method, String name, String body) throws IOException {
        if (method.equals("GET")) {
            send(ex, 200, maintenance.getOrDefault(name, new win.pvdify.api.Maintenance(false, null, null)));
            return;
        }
        JsonNode n = json.readTree(body);
        boolean on = n.path("enabled").asBoolean();
        maintenance.put(name, on ? new win.pvdify.api.Maintenance(true, n.path("message").asText(null),
                n.hasNonNull("retry_after") ? n.get("retry_after").asInt() : null)
                : new win.pvdify.api.Maintenance(false, null, null));
        answerOperation(ex, name, "maintenance", on ? "Maintenance mode on" : "Maintenance mode off", null, null,
                List.<String[]>of(new String[] {"switch", on ? "Answering every host of " + name
                        + " with the maintenance page (503)" : "Routing " + name + " to its web dynos again"}));
    }

    private void ps(HttpExchange ex, String method, String name, String[] p, String body) throws IOException {
        List<FormationEntry> f = formation.get(name);
        if (method.equals("POST") && p[3].equals("scale")) {
            for (FormationEntry u : json.read(body, ScaleRequest.class).updates()) {
                f.removeIf(e -> e.type().equals(u.type()));
                f.add(new FormationEntry(u.type(), u.count(), null));
            }
            answerOperation(ex, name, "scale", "Scale", null, null, List.<String[]>of(new String[] {"start", "web.1 up"}));
            return;
        }
        if (method.equals("POST")) {
            RestartRequest restart = body.isBlank() ? null : json.read(body, RestartRequest.class);
            String type = restart == null ? null : restart.type();
            if ("clock".equals(type)) {
                answerOperation(ex, name, "restart", "Restart clock", null, "no dynos of type clock", List.of());
            } else {
                answerOperation(ex, name, "restart", "Restart " + (type == null ? "all" : type), null, null,
                        List.<String[]>of(new String[] {"start", "web.1 restarted"}));
            }
            return;
        }
        List<Dyno> dynos = new ArrayList<>();
        for (FormationEntry e : f) {
            for (int i = 1; i <= e.count(); i++) {
                dynos.add(new Dyno(e.type() + "." + i, e.type(), i, 1, "up", 30000 + i, T0, 3600L, 0, 0.5,
                        64L * 1024 * 1024));
            }
        }
        send(ex, 200, new Processes(f, dynos));
    }

    /**
     * Records an operation with its events (queued, the stages, then the final one) and answers 202 with it.
     * outcome: null succeeded, "running" stays running (its stream holds until {@link #release}), else the
     * failure.
     */
    synchronized Operation answerOperation(HttpExchange ex, String app, String kind, String description,
                                           Integer release, String outcome, List<String[]> stages)
            throws IOException {
        long id = operations.size() + 1;
        boolean running = "running".equals(outcome);
        String state = running ? "running" : outcome == null ? "succeeded" : "failed";
        Operation op = new Operation(id, app, kind, state, description, "admin", release,
                running || outcome == null ? null : outcome, T0, T0, running ? null : T0);
        List<OperationEvent> evs = new ArrayList<>();
        evs.add(new OperationEvent(1, T0, "queued", description + " queued", null));
        for (String[] st : stages) {
            evs.add(new OperationEvent(evs.size() + 1, T0, st[0], st[1], null));
        }
        if (!running) {
            evs.add(new OperationEvent(evs.size() + 1, T0, state, outcome == null ? "done" : outcome, op));
        }
        operations.put(id, op);
        operationEvents.put(id, evs);
        if (ex != null) {
            ex.getResponseHeaders().set("Location", "/api/v1/operations/" + id);
            send(ex, 202, new Operation(id, app, kind, "queued", description, "admin", null, null, T0, null, null));
        }
        return op;
    }

    private void operation(HttpExchange ex, String method, String[] p) throws IOException {
        Operation op = p.length > 1 && p[1].matches("[0-9]+") ? operations.get(Long.parseLong(p[1])) : null;
        if (op == null) {
            send(ex, 404, new ApiError("no such operation", "req-o404"));
        } else if (method.equals("DELETE")) {
            if (op.ended()) {
                send(ex, 409, new ApiError("operation " + op.id() + " has ended (" + op.state() + ")", "req-o409"));
            } else {
                Operation c = new Operation(op.id(), op.app(), op.kind(), "cancelled", op.description(),
                        op.createdBy(), op.release(), "cancelled by admin", op.createdAt(), op.startedAt(), T0);
                operations.put(op.id(), c);
                List<OperationEvent> evs = operationEvents.get(op.id());
                evs.add(new OperationEvent(evs.size() + 1, T0, "cancelled", "cancelled by admin", c));
                send(ex, 202, c);
            }
        } else {
            send(ex, 200, op);
        }
    }

    /** SSE like pvdifyd: the events after Last-Event-ID; an operation that has not ended holds the stream. */
    private void events(HttpExchange ex, long id, String lastEventId) throws IOException {
        List<OperationEvent> evs;
        Operation op;
        int cut;
        synchronized (this) {
            op = operations.get(id);
            evs = op == null ? null : List.copyOf(operationEvents.get(id));
            int n = eventConnections++;
            cut = n < eventCuts.size() ? eventCuts.get(n) : -1;
        }
        if (op == null) {
            send(ex, 404, new ApiError("no such operation", "req-o404"));
            return;
        }
        long after = lastEventId == null ? 0 : Long.parseLong(lastEventId);
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        int sent = 0;
        for (OperationEvent e : evs) {
            if (e.seq() <= after) {
                continue;
            }
            if (sent == cut) {
                out.write("id: 77\ndata: {\"seq\":77,".getBytes(StandardCharsets.UTF_8));
                out.flush();
                return; // the exchange closes mid-event: a dropped stream
            }
            out.write(("id: " + e.seq() + "\nevent: " + e.stage() + "\ndata: " + json.writeText(e) + "\n\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            sent++;
        }
        if (!op.ended()) {
            openStreams.incrementAndGet();
            out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void logs(HttpExchange ex, String query) throws IOException {
        int i = logConnections++;
        List<String> lines = i < logBatches.size() ? logBatches.get(i) : List.of();
        sendRaw(ex, 200, "text/plain", lines.isEmpty() ? "" : String.join("\n", lines) + "\n");
    }

    private void send(HttpExchange ex, int status, Object body) throws IOException {
        if (body == null) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        sendRaw(ex, status, "application/json", json.writeText(body));
    }

    private static void sendRaw(HttpExchange ex, int status, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream o = ex.getResponseBody()) {
                o.write(bytes);
            }
        }
    }
}
