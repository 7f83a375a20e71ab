package win.pvdify.http;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import win.pvdify.api.Healthcheck;
import win.pvdify.api.HealthcheckReport;
import win.pvdify.auth.Access.Action;
import win.pvdify.engine.Healthchecks;
import win.pvdify.store.StoredApp;

/**
 * /apps/{name}/checks: the deploy health check, configured and effective. Changing it is PATCH /apps/{name}
 * with "healthcheck" (it applies from the next deploy or restart).
 */
public final class ChecksService implements Routes.Resource {
    private final Guard guard;
    private final JsonIo io;
    private final ErrorAnswers errors;

    public ChecksService(Guard guard, JsonIo io, ErrorAnswers errors) {
        this.guard = guard;
        this.io = io;
        this.errors = errors;
    }

    @Override
    public ErrorAnswers errors() {
        return errors;
    }

    @Override
    public void routes(Routes r) {
        r.get("/apps/{name}/checks", this::report);
    }

    private void report(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.READ_APP);
        Healthcheck configured = app.healthcheck() == null ? new Healthcheck(null, null, null, null)
                : app.healthcheck();
        io.send(res, new HealthcheckReport(app.name(), configured, Healthchecks.effective(configured)));
    }
}
