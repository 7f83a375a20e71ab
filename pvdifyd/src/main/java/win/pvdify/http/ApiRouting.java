package win.pvdify.http;

import io.helidon.webserver.http.HttpRouting;
import java.util.ArrayList;
import java.util.List;

/** The whole HTTP surface: the filter, /health, every /api/v1 resource, JSON 404s and the error mapping. */
public final class ApiRouting {
    public static final String PREFIX = "/api/v1";
    private final ApiFilter filter;
    private final ErrorAnswers errors;
    private final HealthService health;
    /** Root resources besides /health (e.g. /metrics): described, and outside /api/v1's token check. */
    private final List<Routes.Resource> root;
    private final List<Routes.Resource> api;
    private final java.util.Map<String, io.helidon.webserver.http.HttpService> extra;

    public ApiRouting(ApiFilter filter, ErrorAnswers errors, HealthService health, List<Routes.Resource> api,
                      java.util.Map<String, io.helidon.webserver.http.HttpService> extra) {
        this(filter, errors, health, List.of(), api, extra);
    }

    public ApiRouting(ApiFilter filter, ErrorAnswers errors, HealthService health, List<Routes.Resource> root,
                      List<Routes.Resource> api, java.util.Map<String, io.helidon.webserver.http.HttpService> extra) {
        this.root = List.copyOf(root);
        this.filter = filter;
        this.errors = errors;
        this.health = health;
        this.api = List.copyOf(api);
        this.extra = new java.util.LinkedHashMap<>(extra);
    }

    public void configure(HttpRouting.Builder routing) {
        routing.addFilter(filter)
                .register(health)
                .register(root.toArray(new Routes.Resource[0]))
                .register(PREFIX, api.toArray(new Routes.Resource[0]));
        // services of other parts (e.g. /tls for Caddy's on-demand TLS ask); outside /api/v1 they need no token
        extra.forEach(routing::register);
        routing
                .any((req, res) -> errors.send(req, res, 404, "no such route: " + req.prologue().method().text()
                        + " " + win.pvdify.names.Shown.of(req.prologue().uriPath().path())))
                .error(Throwable.class, errors::handle);
    }

    /** Every "METHOD /path" the daemon answers (for the OpenAPI check). */
    public List<String> described() {
        List<String> out = new ArrayList<>(Routes.Resource.describe("", health));
        for (Routes.Resource r : root) {
            out.addAll(Routes.Resource.describe("", r));
        }
        for (Routes.Resource r : api) {
            out.addAll(Routes.Resource.describe(PREFIX, r));
        }
        return out;
    }
}
