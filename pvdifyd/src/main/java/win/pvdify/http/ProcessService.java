package win.pvdify.http;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import win.pvdify.api.FormationEntry;
import win.pvdify.api.Operation;
import win.pvdify.api.Processes;
import win.pvdify.api.RestartRequest;
import win.pvdify.api.ScaleRequest;
import win.pvdify.auth.Access.Action;
import win.pvdify.auth.Caller;
import win.pvdify.commands.Commands;
import win.pvdify.names.ProcessType;
import win.pvdify.store.Store;
import win.pvdify.store.StoredApp;
import win.pvdify.store.StoredOperation;

/** /apps/{name}/ps: formation (desired) + dynos (observed), scale and restart. */
public final class ProcessService implements Routes.Resource {
    private static final int MAX_COMMAND = 4096;
    private final Store store;
    private final Guard guard;
    private final JsonIo io;
    private final ErrorAnswers errors;
    private final Commands commands;
    private final OperationAnswers answers;

    public ProcessService(Store store, Guard guard, JsonIo io, ErrorAnswers errors, Commands commands,
                          OperationAnswers answers) {
        this.store = store;
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
        r.get("/apps/{name}/ps", this::show)
                .post("/apps/{name}/ps/scale", this::scale)
                .post("/apps/{name}/ps/restart", this::restart)
                .post("/apps/{name}/ps/stop", this::stop);
    }

    private void show(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.READ_PS);
        io.send(res, processes(app.name()));
    }

    private Processes processes(String app) {
        return new Processes(store.formation().list(app),
                RuntimeCalls.guarded("listing dynos", () -> commands.runs().runtime().dynos(app)));
    }

    private void scale(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.SCALE);
        Caller caller = Guard.caller(req);
        ScaleRequest body = io.require(req, ScaleRequest.class);
        if (body.updates() == null || body.updates().isEmpty()) {
            throw ApiProblem.invalid("updates is required: [{\"type\":\"web\",\"count\":2}]");
        }
        if (body.updates().size() > 50) {
            throw ApiProblem.invalid("at most 50 updates at once");
        }
        Map<String, FormationEntry> byType = new LinkedHashMap<>();
        for (FormationEntry e : body.updates()) {
            if (e == null) {
                throw ApiProblem.invalid("an update is null");
            }
            ApiProblem.check(ProcessType.problem(e.type()));
            if (e.count() < 0 || e.count() > ProcessType.MAX_COUNT) {
                throw ApiProblem.invalid("count of " + e.type() + " must be between 0 and " + ProcessType.MAX_COUNT);
            }
            if (e.command() != null && (e.command().isBlank() || e.command().length() > MAX_COMMAND
                    || e.command().chars().anyMatch(c -> c == 0 || c == '\n' || c == '\r'))) {
                throw ApiProblem.invalid("command of " + e.type()
                        + " must be one non-empty line of at most " + MAX_COMMAND + " characters");
            }
            if (e.command() != null) {
                try {
                    win.pvdify.engine.CommandWords.split(e.command());
                } catch (win.pvdify.engine.PlanException bad) {
                    throw ApiProblem.invalid("command of " + e.type() + ": " + bad.getMessage());
                }
            }
            byType.put(e.type(), e);
        }
        answers.answer(req, res, commands.processes().scale(app, byType.values(), caller.displayName()),
                this::blocking);
    }

    /** The old answer of scale and restart: the processes once done; a failure answers its error. */
    private OperationAnswers.Blocking blocking(StoredOperation end) {
        return end.state() == Operation.State.SUCCEEDED ? new OperationAnswers.Blocking(200, processes(end.app()))
                : null;
    }

    private static final java.util.regex.Pattern DYNO = java.util.regex.Pattern.compile(
            "([a-z][a-z0-9_-]{0,29})(\\.[1-9][0-9]{0,2})?");

    private void stop(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.RESTART);
        win.pvdify.api.StopRequest body = io.require(req, win.pvdify.api.StopRequest.class);
        if (body.dyno() == null || !DYNO.matcher(body.dyno()).matches()) {
            throw ApiProblem.invalid("dyno must be a dyno like web.1 or a process type like web");
        }
        boolean force = Boolean.TRUE.equals(body.force());
        answers.answer(req, res, commands.processes().stop(app, body.dyno(), force, Guard.caller(req).displayName()),
                this::blocking);
    }

    private void restart(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.RESTART);
        Caller caller = Guard.caller(req);
        RestartRequest body = io.read(req, RestartRequest.class);
        String type = body == null ? null : body.type();
        if (type != null) {
            ApiProblem.check(ProcessType.problem(type));
        }
        answers.answer(req, res, commands.processes().restart(app, type, caller.displayName()), this::blocking);
    }
}
