package win.pvdify.http;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import win.pvdify.api.Healthcheck;
import win.pvdify.api.HealthcheckReport;
import win.pvdify.auth.Access.Action;
import win.pvdify.appjson.AppJsonChecks;
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
    private final win.pvdify.store.Store store;

    public ChecksService(Guard guard, JsonIo io, ErrorAnswers errors, win.pvdify.store.Store store) {
        this.store = store;
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
        // The current release's app.json is the middle layer: checks:set over it, it over the defaults.
        Healthcheck fromAppJson = app.currentRelease() == null ? null : AppJsonChecks.deployCheck(
                AppJsonChecks.stored(store.releases().appJson(app.name(), app.currentRelease()).orElse(null)));
        io.send(res, new HealthcheckReport(app.name(), configured,
                Healthchecks.effective(AppJsonChecks.layered(configured, fromAppJson)), fromAppJson));
    }
}
