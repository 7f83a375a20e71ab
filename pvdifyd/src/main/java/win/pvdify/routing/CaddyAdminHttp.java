package win.pvdify.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * App routes in Caddy through its admin API (JSON over HTTP). route() replaces the app's route by its @id
 * (PATCH /id/ID) or, when Caddy does not have it, inserts it at the top of the server's routes (PUT .../routes/0),
 * so app routes are matched before the Caddyfile's catch-all 404. remove() deletes by @id. Calls are serialized
 * (one admin change at a time) and each request is bounded by the timeout.
 */
public final class CaddyAdminHttp implements RouteTable {

    private final URI admin;
    /** The admin API's Unix socket, or null for http://HOST:PORT. */
    private final java.nio.file.Path socket;
    private final String server;
    private final RouteSettings settings;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * adminUrl: e.g. http://127.0.0.1:2019 or unix:///run/caddy/admin.sock; server: the HTTPS server of the Caddy config (srv0 for Caddyfile.example
     * under Caddy 2.6); timeout: per admin request (connect and answer).
     */
    public CaddyAdminHttp(URI adminUrl, String server, RouteSettings settings, Duration timeout) {
        if (!server.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("invalid Caddy server name '" + server + "'");
        }
        String base = adminUrl.toString();
        this.admin = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        if ("unix".equals(admin.getScheme())) {
            if (admin.getPath() == null || !admin.getPath().startsWith("/")) {
                throw new IllegalArgumentException("a Caddy admin socket must be unix:///absolute/path: " + adminUrl);
            }
            this.socket = java.nio.file.Path.of(admin.getPath());
        } else {
            this.socket = null;
        }
        this.server = server;
        this.settings = settings;
        this.timeout = timeout;
    }

    @Override
    public void route(String app, List<String> hosts, List<Upstream> upstreams) {
        route(new AppRoute(app, hosts, upstreams));
    }

    @Override
    public synchronized void route(AppRoute route) {
        String app = route.app();
        String body = CaddyRoutes.render(route, settings).toString();
        String id = CaddyRoutes.id(app);
        Answer replaced = send("PATCH", "/id/" + id, body);
        if (replaced.ok()) {
            return;
        }
        if (!replaced.unknownId()) {
            throw refused("the route of app " + app, replaced);
        }
        Answer inserted = send("PUT", routesPath() + "/0", body);
        if (inserted.ok()) {
            return;
        }
        requireServer();
        // The server exists but has no routes array yet: create it with this route.
        Answer created = send("PUT", routesPath(), "[" + body + "]");
        if (!created.ok()) {
            throw refused("the route of app " + app, created);
        }
    }

    /**
     * One PATCH of the server's whole routes array (one Caddy reload): the given app routes first, sorted by app,
     * then every route that is not an app route, in its order (the Caddyfile's own routes, its catch-all last).
     */
    @Override
    public synchronized void replaceAll(java.util.Collection<AppRoute> routes) {
        Answer current = send("GET", routesPath(), null);
        if (!current.ok()) {
            requireServer();
            throw refused("listing routes", current);
        }
        com.fasterxml.jackson.databind.node.ArrayNode all = json.createArrayNode();
        routes.stream().sorted(java.util.Comparator.comparing(AppRoute::app))
                .forEach(r -> all.add(CaddyRoutes.render(r, settings)));
        try {
            JsonNode existing = json.readTree(current.body());
            if (existing != null && existing.isArray()) {
                existing.forEach(r -> {
                    if (CaddyRoutes.appOf(r.path("@id").asText(null)) == null) {
                        all.add(r);
                    }
                });
            }
        } catch (IOException e) {
            throw new RoutingException(describe() + " answered routes that are not JSON: " + e.getMessage(), false, e);
        }
        boolean hasArray = !current.body().strip().equals("null");
        Answer replaced = send(hasArray ? "PATCH" : "PUT", routesPath(), all.toString());
        if (!replaced.ok()) {
            throw refused("the app routes", replaced);
        }
    }

    @Override
    public synchronized void remove(String app) {
        Answer deleted = send("DELETE", "/id/" + CaddyRoutes.id(app), null);
        if (!deleted.ok() && !deleted.unknownId()) {
            throw refused("removing the route of app " + app, deleted);
        }
    }

    @Override
    public synchronized List<String> routeIds() {
        Answer a = send("GET", routesPath(), null);
        if (!a.ok()) {
            requireServer();
            throw refused("listing routes", a);
        }
        List<String> ids = new ArrayList<>();
        try {
            JsonNode routes = json.readTree(a.body());
            if (routes != null) {
                routes.forEach(r -> {
                    if (r.path("@id").isTextual()) {
                        ids.add(r.get("@id").asText());
                    }
                });
            }
        } catch (IOException e) {
            throw new RoutingException(describe() + " answered routes that are not JSON: " + e.getMessage(), false, e);
        }
        return ids;
    }

    @Override
    public String describe() {
        return "Caddy admin API at " + admin;
    }

    private String routesPath() {
        return "/config/apps/http/servers/" + server + "/routes";
    }

    private void requireServer() {
        Answer s = send("GET", "/config/apps/http/servers/" + server, null);
        if (s.ok() && !s.body().strip().equals("null")) {
            return;
        }
        Answer all = send("GET", "/config/apps/http/servers", null);
        String names = "none";
        try {
            JsonNode servers = json.readTree(all.body());
            if (servers != null && servers.isObject() && servers.size() > 0) {
                List<String> list = new ArrayList<>();
                servers.fieldNames().forEachRemaining(list::add);
                names = String.join(", ", list);
            }
        } catch (IOException ignored) {
            // names stays "none"
        }
        throw new RoutingException("Caddy has no HTTP server named '" + server + "' (it has: " + names
                + "); install Caddyfile.example or set the Caddy server name pvdifyd uses", false, null);
    }

    private RoutingException refused(String what, Answer a) {
        String text = a.body() == null ? "" : a.body().strip();
        try {
            JsonNode error = json.readTree(text);
            if (error != null && error.path("error").isTextual()) {
                text = error.get("error").asText();
            }
        } catch (IOException notJson) {
            // keep the raw text
        }
        if (text.length() > 500) {
            text = text.substring(0, 500) + "...";
        }
        return new RoutingException(describe() + " refused " + what + ": HTTP " + a.status() + " " + text,
                false, null);
    }

    private Answer send(String method, String path, String body) {
        if (socket != null) {
            return sendUnix(method, path, body);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(admin + path)).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        // A fresh connection per request: Caddy replaces its admin server on every config change, so a kept-alive
        // connection can be closed under us, and a PUT that inserts a route must never be resent blindly.
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .build()) {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new RoutingException(describe() + " is unreachable (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RoutingException("interrupted while talking to " + describe(), true, e);
        }
    }

    /**
     * The admin API on a Unix socket (`unix:///run/caddy/admin.sock`, Caddyfile `admin unix//run/caddy/admin.sock`):
     * reachable only through the file system (root and Caddy's user), not from any network. Caddy 2.6 accepts
     * only an empty Host header there (DNS-rebinding protection); the JDK's client cannot send one, Apache's can.
     */
    private Answer sendUnix(String method, String path, String body) {
        var request = new org.apache.hc.core5.http.message.BasicClassicHttpRequest(method,
                new org.apache.hc.core5.http.HttpHost("http", "localhost", 80), path);
        request.setHeader("Host", "");
        if (body != null) {
            request.setEntity(new org.apache.hc.core5.http.io.entity.StringEntity(body,
                    org.apache.hc.core5.http.ContentType.APPLICATION_JSON));
        }
        var config = org.apache.hc.client5.http.config.RequestConfig.custom().setUnixDomainSocket(socket)
                .setConnectionRequestTimeout(org.apache.hc.core5.util.Timeout.of(timeout))
                .setResponseTimeout(org.apache.hc.core5.util.Timeout.of(timeout)).build();
        // A fresh client (and connection) per request, for the same reason as over TCP.
        try (var http = org.apache.hc.client5.http.impl.classic.HttpClients.custom().disableAutomaticRetries()
                .disableRedirectHandling().setDefaultRequestConfig(config).build()) {
            return http.execute(request, r -> new Answer(r.getCode(), r.getEntity() == null ? ""
                    : org.apache.hc.core5.http.io.entity.EntityUtils.toString(r.getEntity(),
                            java.nio.charset.StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new RoutingException(describe() + " is unreachable (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", true, e);
        }
    }

    private record Answer(int status, String body) {
        boolean ok() {
            return status / 100 == 2;
        }

        boolean unknownId() {
            return status == 404 && body.contains("unknown object ID");
        }
    }
}
