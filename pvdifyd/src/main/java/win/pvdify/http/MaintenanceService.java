package win.pvdify.http;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import win.pvdify.api.Maintenance;
import win.pvdify.api.Operation;
import win.pvdify.auth.Access.Action;
import win.pvdify.commands.Commands;
import win.pvdify.routing.MaintenancePage;
import win.pvdify.store.StoredApp;
import win.pvdify.store.StoredOperation;

/** /apps/{name}/maintenance: show the mode; switch it (an operation: 202, or 200 with ?wait=true). */
public final class MaintenanceService implements Routes.Resource {
    private final Guard guard;
    private final JsonIo io;
    private final ErrorAnswers errors;
    private final Commands commands;
    private final OperationAnswers answers;

    public MaintenanceService(Guard guard, JsonIo io, ErrorAnswers errors, Commands commands,
                              OperationAnswers answers) {
        this.guard = guard;
        this.io = io;
        this.errors = errors;
        this.commands = commands;
        this.answers = answers;
    }

    @Override
    public ErrorAnswers errors() {
        return errors;
    }

    @Override
    public void routes(Routes r) {
        r.get("/apps/{name}/maintenance", this::show)
                .put("/apps/{name}/maintenance", this::change);
    }

    private void show(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.READ_APP);
        io.send(res, commands.maintenance().state(app.name()));
    }

    private void change(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.UPDATE_APP);
        Maintenance body = io.require(req, Maintenance.class);
        if (body.enabled() == null) {
            throw ApiProblem.invalid("enabled is required (true or false)");
        }
        String message = body.message() == null || body.message().isBlank() ? null : body.message().strip();
        ApiProblem.check(MaintenancePage.problem(message, body.retryAfter()));
        StoredOperation op = commands.maintenance().change(app, body.enabled(), message, body.retryAfter(),
                Guard.caller(req).displayName());
        answers.answer(req, res, op, end -> end.state() != Operation.State.SUCCEEDED ? null
                : new OperationAnswers.Blocking(200, commands.maintenance().state(app.name())));
    }
}
