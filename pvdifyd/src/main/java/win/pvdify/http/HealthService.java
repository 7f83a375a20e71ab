package win.pvdify.http;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import win.pvdify.api.Health;

/** /health: open to everyone, for load balancers and install scripts. */
public final class HealthService implements Routes.Resource {
    private final String version;
    private final JsonIo io;
    private final ErrorAnswers errors;

    public HealthService(String version, JsonIo io, ErrorAnswers errors) {
        this.version = version;
        this.io = io;
        this.errors = errors;
    }

    @Override
    public ErrorAnswers errors() {
        return errors;
    }

    @Override
    public void routes(Routes r) {
        r.get("/health", this::health);
    }

    private void health(ServerRequest req, ServerResponse res) {
        io.send(res, new Health("ok", version));
    }
}
