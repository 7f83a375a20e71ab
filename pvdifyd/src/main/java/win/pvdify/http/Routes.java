package win.pvdify.http;

import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects a service's routes, then registers them with a 405 answer for other methods on the same paths.
 * The list of routes also feeds the test that keeps the OpenAPI document true.
 */
public final class Routes {
    private final String prefix;
    private final List<Route> routes = new ArrayList<>();

    public record Route(String method, String path, Handler handler) {
    }

    public Routes(String prefix) {
        this.prefix = prefix;
    }

    public Routes get(String path, Handler h) {
        return add("GET", path, h);
    }

    public Routes post(String path, Handler h) {
        return add("POST", path, h);
    }

    public Routes put(String path, Handler h) {
        return add("PUT", path, h);
    }

    public Routes patch(String path, Handler h) {
        return add("PATCH", path, h);
    }

    public Routes delete(String path, Handler h) {
        return add("DELETE", path, h);
    }

    private Routes add(String method, String path, Handler h) {
        routes.add(new Route(method, path, h));
        return this;
    }

    /** Full paths (with the prefix) and methods, for documentation checks. */
    public List<String> described() {
        return routes.stream().map(r -> r.method() + " " + prefix + r.path()).toList();
    }

    public void registerInto(HttpRules rules, ErrorAnswers errors) {
        Set<String> paths = new LinkedHashSet<>();
        for (Route r : routes) {
            String pattern = r.path();
            Handler h = r.handler();
            rules.route(Method.create(r.method()), pattern, (req, res) -> {
                // for the audit log: which route ran, and the app it names
                req.context().register(new MatchedRoute(pattern, pattern.startsWith("/apps/{name}")
                        ? req.path().pathParameters().get("name") : null));
                h.handle(req, res);
            });
            paths.add(r.path());
        }
        for (String p : paths) {
            List<String> allowed = routes.stream().filter(r -> r.path().equals(p)).map(Route::method).toList();
            rules.any(p, (req, res) -> {
                res.header("Allow", String.join(", ", allowed));
                errors.send(req, res, 405, "method " + req.prologue().method().text() + " is not allowed here");
            });
        }
    }

    /** A resource of the API: declares its routes. */
    public interface Resource extends io.helidon.webserver.http.HttpService {
        void routes(Routes r);

        ErrorAnswers errors();

        @Override
        default void routing(HttpRules rules) {
            Routes r = new Routes("");
            routes(r);
            r.registerInto(rules, errors());
        }

        static List<String> describe(String prefix, Resource resource) {
            Routes r = new Routes(prefix);
            resource.routes(r);
            return r.described();
        }
    }
}
