package win.pvdify.http;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import win.pvdify.api.FormationEntry;
import win.pvdify.api.Processes;
import win.pvdify.api.RestartRequest;
import win.pvdify.api.ScaleRequest;
import win.pvdify.auth.Access.Action;
import win.pvdify.auth.Caller;
import win.pvdify.names.ProcessType;
import win.pvdify.store.Store;
import win.pvdify.store.StoredApp;

/** /apps/{name}/ps: formation (desired) + dynos (observed), scale and restart. */
public final class ProcessService implements Routes.Resource {
    private static final int MAX_COMMAND = 4096;
    private final Store store;
    private final Guard guard;
    private final JsonIo io;
    private final ErrorAnswers errors;
    private final ReleaseFlow flow;

    public ProcessService(Store store, Guard guard, JsonIo io, ErrorAnswers errors, ReleaseFlow flow) {
        this.store = store;
        this.guard = guard;
        this.io = io;
        this.errors = errors;
        this.flow = flow;
    }

    @Override
    public ErrorAnswers errors() {
        return errors;
    }

    @Override
    public void routes(Routes r) {
        r.get("/apps/{name}/ps", this::show)
                .post("/apps/{name}/ps/scale", this::scale)
                .post("/apps/{name}/ps/restart", this::restart);
    }

    private void show(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.READ_PS);
        io.send(res, processes(app.name()));
    }

    private Processes processes(String app) {
        return new Processes(store.formation().list(app),
                ReleaseFlow.guarded("listing dynos", () -> flow.runtime().dynos(app)));
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
        if ("deleting".equals(app.status())) {
            throw ApiProblem.conflict("app " + app.name() + " is being deleted");
        }
        store.db().write(ctx -> {
            byType.values().forEach(e -> store.formation().upsert(app.name(), e));
            store.events().add(app.name(), "api", "Scaled to " + describe(byType.values()) + " by "
                    + caller.displayName());
            return null;
        });
        // Before the first deploy the formation is only recorded (Heroku does the same).
        if (flow.deployed(app.name())) {
            ReleaseFlow.guarded("scaling " + app.name(), () -> flow.runtime().applyFormation(app.name()));
        }
        io.send(res, processes(app.name()));
    }

    private static String describe(java.util.Collection<FormationEntry> es) {
        return String.join(", ", es.stream().map(e -> e.type() + "=" + e.count()).toList());
    }

    private void restart(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.RESTART);
        Caller caller = Guard.caller(req);
        RestartRequest body = io.read(req, RestartRequest.class);
        String type = body == null ? null : body.type();
        if (type != null) {
            ApiProblem.check(ProcessType.problem(type));
            List<FormationEntry> formation = store.formation().list(app.name());
            if (formation.stream().noneMatch(f -> f.type().equals(type))) {
                throw ApiProblem.notFound("app " + app.name() + " has no process type " + type);
            }
        }
        store.events().add(app.name(), "api", "Restart " + (type == null ? "all dynos" : type) + " by "
                + caller.displayName());
        ReleaseFlow.guarded("restarting " + app.name(), () -> flow.runtime().restart(app.name(), type));
        io.send(res, processes(app.name()));
    }
}
