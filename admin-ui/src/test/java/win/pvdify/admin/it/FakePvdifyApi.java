package win.pvdify.admin.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import win.pvdify.api.AddDomain;
import win.pvdify.api.ApiError;
import win.pvdify.api.ApiJson;
import win.pvdify.api.App;
import win.pvdify.api.ConfigVars;
import win.pvdify.api.CreateApp;
import win.pvdify.api.DeployRequest;
import win.pvdify.api.Domain;
import win.pvdify.api.Dyno;
import win.pvdify.api.FormationEntry;
import win.pvdify.api.Healthcheck;
import win.pvdify.api.Maintenance;
import win.pvdify.api.Processes;
import win.pvdify.api.Release;
import win.pvdify.api.RollbackRequest;
import win.pvdify.api.ScaleRequest;
import win.pvdify.api.StatusCheck;
import win.pvdify.api.SystemStatus;
import win.pvdify.api.UpdateApp;
import win.pvdify.api.Whoami;

/**
 * A small in-memory stand-in for pvdifyd that speaks the pvdify-api contract, for developing the dashboard
 * (and running its browser test with -Dpvdify.it.backend=fake) while the real daemon is being written.
 * Dynos it "starts" are up at once; logs follow with one line a second.
 */
public final class FakePvdifyApi implements AutoCloseable {
    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]{1,29}$");
    private final ApiJson json = new ApiJson();
    private final HttpServer server;
    private final String token;
    private final Map<String, State> apps = new TreeMap<>();

    private static final class State {
        App app;
        final List<Release> releases = new ArrayList<>();
        final Map<Integer, Map<String, String>> configs = new TreeMap<>();
        int configVersion = 0;
        final Map<String, Integer> formation = new LinkedHashMap<>();
        final List<Domain> domains = new ArrayList<>();
        int restarts = 0;
        Maintenance maintenance = new Maintenance(false, null, null);
    }

    public FakePvdifyApi(String token) throws IOException {
        this.token = token;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-pvdifyd");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private record Answer(int status, Object body) {
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (path.equals("/health")) {
                send(ex, new Answer(200, Map.of("status", "ok", "version", "fake")));
                return;
            }
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.equals("Bearer " + token)) {
                send(ex, new Answer(401, new ApiError("invalid or missing token", "req-1")));
                return;
            }
            if (path.matches("/api/v1/apps/[^/]+/logs")) {
                logs(ex, segment(path, 4));
                return;
            }
            Answer a;
            synchronized (apps) {
                a = route(ex.getRequestMethod(), path, ex.getRequestBody().readAllBytes());
            }
            send(ex, a);
        } catch (RuntimeException e) {
            send(ex, new Answer(500, new ApiError("fake failed: " + e, "req-x")));
        }
    }

    private Answer route(String method, String path, byte[] body) throws IOException {
        String[] p = path.substring("/api/v1/".length()).split("/");
        if (p[0].equals("whoami")) {
            return new Answer(200, new Whoami("admin", null, "tok-1"));
        }
        if (p[0].equals("status")) {
            return new Answer(200, new SystemStatus("ok", "fake", "fallback", List.of(
                    new StatusCheck("api", "ok", "serving"), new StatusCheck("database", "ok", "sqlite"),
                    new StatusCheck("podman", "ok", "4.3.1"), new StatusCheck("systemd", "degraded", "not PID 1"),
                    new StatusCheck("caddy", "ok", "admin API reachable"),
                    new StatusCheck("cloudflare", "not_configured", "no token"),
                    new StatusCheck("disk", "ok", "42% used"))));
        }
        if (!p[0].equals("apps")) {
            return notFound("no such route");
        }
        if (p.length == 1) {
            if (method.equals("GET")) {
                return new Answer(200, apps.values().stream().map(s -> s.app).toList());
            }
            CreateApp req = json.read(body, CreateApp.class);
            if (req.name() == null || !NAME.matcher(req.name()).matches() || req.name().endsWith("-")) {
                return new Answer(422, new ApiError("invalid app name \"" + req.name()
                        + "\": use lowercase letters, digits and dashes, starting with a letter", "req-2"));
            }
            if (apps.containsKey(req.name())) {
                return new Answer(409, new ApiError("app " + req.name() + " already exists", "req-3"));
            }
            State s = new State();
            Instant now = Instant.now();
            s.app = new App(req.name(), req.environment() == null ? "production" : req.environment(), "created",
                    null, null, 8080, null, new Healthcheck(null, 5, 3, 3), false,
                    "http://" + req.name() + ".localhost", List.of(req.name() + ".localhost"), now, now);
            s.configs.put(0, new TreeMap<>());
            s.domains.add(new Domain(req.name() + ".localhost", "default", null, null, now));
            apps.put(req.name(), s);
            return new Answer(201, s.app);
        }
        State s = apps.get(URLDecoder.decode(p[1], StandardCharsets.UTF_8));
        if (s == null) {
            return notFound("app " + p[1] + " not found");
        }
        String rest = p.length > 2 ? p[2] : "";
        switch (rest) {
            case "" -> {
                if (method.equals("DELETE")) {
                    apps.remove(s.app.name());
                    return new Answer(204, null);
                }
                if (method.equals("PATCH")) {
                    UpdateApp u = json.read(body, UpdateApp.class);
                    App a = s.app;
                    s.app = new App(a.name(), a.environment(), a.status(), a.image(), a.currentRelease(),
                            u.bindPort() == null ? a.bindPort() : u.bindPort(), a.resources(),
                            u.healthcheck() == null ? a.healthcheck() : u.healthcheck(), a.readOnly(), a.webUrl(),
                            a.domains(), a.createdAt(), Instant.now());
                }
                return new Answer(200, s.app);
            }
            case "releases" -> {
                if (method.equals("GET")) {
                    return new Answer(200, s.releases.reversed());
                }
                DeployRequest d = json.read(body, DeployRequest.class);
                if (d.image() == null || d.image().isBlank() || d.image().contains(" ")) {
                    return new Answer(422, new ApiError("invalid image reference", "req-4"));
                }
                s.formation.putIfAbsent("web", 1);
                return new Answer(201, release(s, d.image(), s.configVersion,
                        d.description() == null ? "Deploy " + d.image() : d.description()));
            }
            case "rollback" -> {
                RollbackRequest r = json.read(body, RollbackRequest.class);
                Release target = s.releases.stream().filter(x -> x.version() == r.version()).findFirst().orElse(null);
                if (target == null) {
                    return notFound("release v" + r.version() + " not found");
                }
                s.configVersion = target.configVersion();
                return new Answer(201, release(s, target.image(), target.configVersion(),
                        "Rollback to v" + target.version()));
            }
            case "config" -> {
                Map<String, String> vars = new TreeMap<>(s.configs.get(s.configVersion));
                if (method.equals("GET")) {
                    return new Answer(200, new ConfigVars(s.configVersion, vars, null));
                }
                String desc;
                if (method.equals("DELETE")) {
                    String key = URLDecoder.decode(p[3], StandardCharsets.UTF_8);
                    if (vars.remove(key) == null) {
                        return notFound("config var " + key + " not set");
                    }
                    desc = "Unset " + key;
                } else {
                    Map<String, String> set = json.read(body, ApiJson.mapOf(String.class));
                    for (String k : set.keySet()) {
                        if (!k.matches("^[A-Za-z_][A-Za-z0-9_]*$")) {
                            return new Answer(422, new ApiError("invalid config key \"" + k + "\"", "req-5"));
                        }
                    }
                    set.forEach((k, v) -> {
                        if (v == null) {
                            vars.remove(k);
                        } else {
                            vars.put(k, v);
                        }
                    });
                    desc = "Set " + String.join(", ", set.keySet());
                }
                s.configs.put(++s.configVersion, vars);
                Release last = s.releases.isEmpty() ? null : s.releases.getLast();
                Release r = release(s, last == null ? null : last.image(), s.configVersion, desc);
                return new Answer(200, new ConfigVars(s.configVersion, vars, r));
            }
            case "maintenance" -> {
                if (method.equals("PUT")) {
                    Maintenance m = json.readValue(body, Maintenance.class);
                    s.maintenance = Boolean.TRUE.equals(m.enabled()) ? m : new Maintenance(false, null, null);
                }
                return new Answer(200, s.maintenance);
            }
            case "domains" -> {
                if (method.equals("GET")) {
                    return new Answer(200, s.domains);
                }
                if (method.equals("DELETE")) {
                    String host = URLDecoder.decode(p[3], StandardCharsets.UTF_8);
                    if (!s.domains.removeIf(d -> d.hostname().equals(host) && d.kind().equals("custom"))) {
                        return notFound("domain " + host + " not found");
                    }
                    return new Answer(204, null);
                }
                AddDomain add = json.read(body, AddDomain.class);
                if (add.hostname() == null || !add.hostname().matches("^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$")) {
                    return new Answer(422, new ApiError("invalid hostname", "req-6"));
                }
                Domain d = new Domain(add.hostname(), "custom", null, null, Instant.now());
                s.domains.add(d);
                return new Answer(201, d);
            }
            case "ps" -> {
                if (p.length > 3 && p[3].equals("scale")) {
                    for (FormationEntry f : json.read(body, ScaleRequest.class).updates()) {
                        s.formation.put(f.type(), f.count());
                    }
                } else if (p.length > 3 && p[3].equals("restart")) {
                    s.restarts++;
                }
                return new Answer(200, ps(s));
            }
            default -> {
                return notFound("no such route");
            }
        }
    }

    private Release release(State s, String image, int configVersion, String description) {
        List<Release> updated = new ArrayList<>();
        for (Release r : s.releases) {
            updated.add("current".equals(r.status()) ? new Release(r.version(), r.image(), r.imageDigest(),
                    r.configVersion(), "superseded", r.description(), r.createdBy(), null, r.createdAt()) : r);
        }
        s.releases.clear();
        s.releases.addAll(updated);
        Release r = new Release(s.releases.size() + 1, image, null, configVersion, "current", description, "admin",
                null, Instant.now());
        s.releases.add(r);
        App a = s.app;
        s.app = new App(a.name(), a.environment(), "running", image, r.version(), a.bindPort(), a.resources(),
                a.healthcheck(), a.readOnly(), a.webUrl(), a.domains(), a.createdAt(), Instant.now());
        return r;
    }

    private Processes ps(State s) {
        List<FormationEntry> formation = new ArrayList<>();
        List<Dyno> dynos = new ArrayList<>();
        int current = s.app.currentRelease() == null ? 0 : s.app.currentRelease();
        s.formation.forEach((type, count) -> {
            formation.add(new FormationEntry(type, count, null));
            for (int i = 1; i <= count && current > 0; i++) {
                dynos.add(new Dyno(type + "." + i, type, i, current, "up", type.equals("web") ? 20000 + i : null,
                        s.app.updatedAt(), 60L * i, s.restarts, 0.5, 10_000_000L));
            }
        });
        return new Processes(formation, dynos);
    }

    private void logs(HttpExchange ex, String app) throws IOException {
        boolean follow = ex.getRequestURI().getQuery() != null && ex.getRequestURI().getQuery().contains("follow=true");
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        try {
            for (int i = 1; i <= (follow ? 3600 : 3); i++) {
                out.write((Instant.now() + " app[web.1]: fake log line " + i + " of " + app + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (follow) {
                    Thread.sleep(1000);
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
        }
    }

    private Answer notFound(String message) {
        return new Answer(404, new ApiError(message, "req-404"));
    }

    private String segment(String path, int index) {
        return URLDecoder.decode(path.split("/")[index], StandardCharsets.UTF_8);
    }

    private void send(HttpExchange ex, Answer a) throws IOException {
        if (a.body() == null) {
            ex.sendResponseHeaders(a.status(), -1);
            return;
        }
        byte[] bytes = json.write(a.body());
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(a.status(), bytes.length);
        ex.getResponseBody().write(bytes);
    }

    /** Runs the fake on its own, for trying the dashboard by hand: prints URL and token. */
    public static void main(String[] args) throws Exception {
        FakePvdifyApi api = new FakePvdifyApi(args.length > 0 ? args[0] : "dev-token");
        System.out.println(api.url());
        Thread.currentThread().join();
    }
}
