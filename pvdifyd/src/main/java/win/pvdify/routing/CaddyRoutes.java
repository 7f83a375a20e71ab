package win.pvdify.routing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import win.pvdify.names.AppName;

/**
 * Pure: an app's route -> the Caddy route JSON pvdifyd owns. One route per app, addressed by the stable
 * "@id" pvdify-app-NAME; matches the app's hosts; reverse_proxy to the upstreams with load balancing, retries
 * while upstreams are switched, and passive health checks; with no upstreams, a 503 "app is not running" page;
 * in maintenance mode, a 503 maintenance page with the app's message (HTML-escaped, and with no "{" or "}" left,
 * so Caddy's placeholders never expand in it), whatever the upstreams.
 */
public final class CaddyRoutes {

    public static final String ID_PREFIX = "pvdify-app-";
    private static final Pattern LABEL = Pattern.compile("^(?!-)[a-z0-9-]{1,63}(?<!-)$");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private CaddyRoutes() {
    }

    /** The route's stable Caddy @id. */
    public static String id(String app) {
        requireApp(app);
        return ID_PREFIX + app;
    }

    /** The app name of a route id we own, or null for ids that are not ours. */
    public static String appOf(String routeId) {
        if (routeId == null || !routeId.startsWith(ID_PREFIX)) {
            return null;
        }
        String app = routeId.substring(ID_PREFIX.length());
        return AppName.isWellFormed(app) ? app : null;
    }

    public static ObjectNode render(AppRoute route, RouteSettings settings) {
        ObjectNode out = JSON.objectNode();
        out.put("@id", id(route.app()));
        ArrayNode hosts = out.putArray("match").addObject().putArray("host");
        hosts(route).forEach(hosts::add);
        ArrayNode handle = out.putArray("handle");
        if (route.maintenance() != null) {
            reverseProxy(route, settings); // upstreams are validated even while the page hides them
            handle.add(maintenance(route.app(), route.maintenance()));
        } else if (route.upstreams().isEmpty()) {
            handle.add(notRunning(route.app()));
        } else {
            handle.add(reverseProxy(route, settings));
        }
        out.put("terminal", true);
        return out;
    }

    /** Lower-cased, de-duplicated, validated hosts in the given order. */
    static Set<String> hosts(AppRoute route) {
        if (route.hosts().isEmpty()) {
            throw new IllegalArgumentException("app " + route.app() + " has no hosts to route");
        }
        Set<String> out = new LinkedHashSet<>();
        for (String h : route.hosts()) {
            String host = h == null ? "" : h.strip().toLowerCase(Locale.ROOT);
            if (host.endsWith(".")) {
                host = host.substring(0, host.length() - 1);
            }
            if (!validHost(host)) {
                throw new IllegalArgumentException("invalid hostname '" + h + "' for app " + route.app());
            }
            out.add(host);
        }
        return out;
    }

    /** A DNS name of 2+ labels (letters, digits, hyphens; a leading "*." wildcard label is allowed). */
    public static boolean validHost(String host) {
        if (host == null || host.length() > 253) {
            return false;
        }
        String[] labels = host.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (int i = 0; i < labels.length; i++) {
            if (!(i == 0 && labels[i].equals("*")) && !LABEL.matcher(labels[i]).matches()) {
                return false;
            }
        }
        return true;
    }

    private static ObjectNode reverseProxy(AppRoute route, RouteSettings s) {
        ObjectNode proxy = JSON.objectNode().put("handler", "reverse_proxy");
        ArrayNode upstreams = proxy.putArray("upstreams");
        for (Upstream u : new LinkedHashSet<>(route.upstreams())) {
            if (u.host() == null || u.host().isBlank() || u.host().matches(".*[\\s/].*")
                    || u.port() < 1 || u.port() > 65535) {
                throw new IllegalArgumentException("invalid upstream " + u + " for app " + route.app());
            }
            upstreams.addObject().put("dial", u.dial());
        }
        ObjectNode lb = proxy.putObject("load_balancing");
        lb.putObject("selection_policy").put("policy", s.policy());
        lb.put("try_duration", goDuration(s.tryDuration()));
        lb.put("try_interval", goDuration(s.tryInterval()));
        ObjectNode passive = proxy.putObject("health_checks").putObject("passive");
        passive.put("fail_duration", goDuration(s.failDuration()));
        passive.put("max_fails", s.maxFails());
        if (!s.unhealthyStatus().isEmpty()) {
            ArrayNode codes = passive.putArray("unhealthy_status");
            s.unhealthyStatus().forEach(codes::add);
        }
        return proxy;
    }

    private static ObjectNode notRunning(String app) {
        ObjectNode page = JSON.objectNode().put("handler", "static_response").put("status_code", 503);
        ObjectNode headers = page.putObject("headers");
        headers.putArray("Content-Type").add("text/html; charset=utf-8");
        headers.putArray("Cache-Control").add("no-store");
        headers.putArray("Retry-After").add("10");
        // app names are [a-z0-9-] (validated in id()), so the name is safe in HTML and holds no placeholders.
        page.put("body", "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + app
                + " is not running</title></head><body><h1>" + app + " is not running</h1>"
                + "<p>This app has no running web dynos right now. Try again in a moment.</p></body></html>\n");
        return page;
    }

    private static ObjectNode maintenance(String app, MaintenancePage m) {
        String problem = MaintenancePage.problem(m.message(), m.retryAfter());
        if (problem != null) {
            throw new IllegalArgumentException(problem + " (app " + app + ")");
        }
        ObjectNode page = JSON.objectNode().put("handler", "static_response").put("status_code", 503);
        ObjectNode headers = page.putObject("headers");
        headers.putArray("Content-Type").add("text/html; charset=utf-8");
        headers.putArray("Cache-Control").add("no-store");
        if (m.retryAfter() != null) {
            headers.putArray("Retry-After").add(String.valueOf(m.retryAfter()));
        }
        String message = m.message() == null || m.message().isBlank() ? MaintenancePage.DEFAULT_MESSAGE : m.message();
        page.put("body", "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + app
                + " is down for maintenance</title></head><body><h1>Down for maintenance</h1><p>"
                + MaintenancePage.html(message) + "</p></body></html>\n");
        return page;
    }

    /** Caddy reads Go duration strings. */
    static String goDuration(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }

    private static void requireApp(String app) {
        if (!AppName.isWellFormed(app)) {
            throw new IllegalArgumentException("invalid app name '" + app + "'");
        }
    }
}
