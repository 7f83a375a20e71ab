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
    private final List<Routes.Resource> api;

    public ApiRouting(ApiFilter filter, ErrorAnswers errors, HealthService health, List<Routes.Resource> api) {
        this.filter = filter;
        this.errors = errors;
        this.health = health;
        this.api = List.copyOf(api);
    }

    public void configure(HttpRouting.Builder routing) {
        routing.addFilter(filter)
                .register(health)
                .register(PREFIX, api.toArray(new Routes.Resource[0]))
                .any((req, res) -> errors.send(req, res, 404, "no such route: " + req.prologue().method().text()
                        + " " + win.pvdify.names.Shown.of(req.prologue().uriPath().path())))
                .error(Throwable.class, errors::handle);
    }

    /** Every "METHOD /path" the daemon answers (for the OpenAPI check). */
    public List<String> described() {
        List<String> out = new ArrayList<>(Routes.Resource.describe("", health));
        for (Routes.Resource r : api) {
            out.addAll(Routes.Resource.describe(PREFIX, r));
        }
        return out;
    }
}
