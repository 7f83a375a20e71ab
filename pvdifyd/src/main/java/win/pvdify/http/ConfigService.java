package win.pvdify.http;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import win.pvdify.api.ApiJson;
import win.pvdify.api.ConfigVars;
import win.pvdify.api.Operation;
import win.pvdify.api.Release;
import win.pvdify.auth.Access.Action;
import win.pvdify.auth.Caller;
import win.pvdify.commands.Commands;
import win.pvdify.names.ConfigKey;
import win.pvdify.store.Store;
import win.pvdify.store.StoredApp;
import win.pvdify.store.StoredOperation;

/** /apps/{name}/config: every change is a new config version and a new release (Heroku semantics). */
public final class ConfigService implements Routes.Resource {
    private static final int MAX_VARS = 1000;
    private final Store store;
    private final Guard guard;
    private final JsonIo io;
    private final ErrorAnswers errors;
    private final Commands commands;
    private final OperationAnswers answers;

    public ConfigService(Store store, Guard guard, JsonIo io, ErrorAnswers errors, Commands commands,
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
        r.get("/apps/{name}/config", this::show)
                .put("/apps/{name}/config", this::set)
                .delete("/apps/{name}/config/{key}", this::unset);
    }

    private void show(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.READ_CONFIG);
        int v = store.config().latestVersion(app.name());
        io.send(res, new ConfigVars(v, store.config().vars(app.name(), v), null));
    }

    private void set(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.WRITE_CONFIG);
        Map<String, String> body = io.read(req, ApiJson.mapOf(String.class));
        if (body == null) {
            throw ApiProblem.badRequest("a JSON object of config vars is required");
        }
        if (body.isEmpty()) {
            throw ApiProblem.invalid("no config vars given");
        }
        if (body.size() > MAX_VARS) {
            throw ApiProblem.invalid("at most " + MAX_VARS + " config vars at once");
        }
        body.forEach((k, v) -> {
            ApiProblem.check(ConfigKey.keyProblem(k));
            ApiProblem.check(ConfigKey.valueProblem(k, v));
        });
        List<String> set = new ArrayList<>();
        List<String> unset = new ArrayList<>();
        body.forEach((k, v) -> (v == null ? unset : set).add(k));
        String description = (set.isEmpty() ? "" : "Set " + String.join(", ", set))
                + (set.isEmpty() || unset.isEmpty() ? "" : "; ")
                + (unset.isEmpty() ? "" : "Unset " + String.join(", ", unset));
        change(req, res, app, body, description);
    }

    private void unset(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.WRITE_CONFIG);
        String key = req.path().pathParameters().get("key");
        ApiProblem.check(ConfigKey.keyProblem(key));
        Map<String, String> change = new LinkedHashMap<>();
        change.put(key, null);
        change(req, res, app, change, "Unset " + key);
    }

    private void change(ServerRequest req, ServerResponse res, StoredApp app, Map<String, String> changes,
                        String description) {
        Caller caller = Guard.caller(req);
        StoredOperation op = commands.releases().changeConfig(app, changes, description, caller.displayName());
        int version = Integer.parseInt(op.param("config_version"));
        answers.answer(req, res, op, end -> {
            Release release = end.release() == null ? null
                    : store.releases().find(app.name(), end.release()).orElseThrow().release();
            if (release == null && end.state() != Operation.State.SUCCEEDED) {
                return null;
            }
            return new OperationAnswers.Blocking(200,
                    new ConfigVars(version, store.config().vars(app.name(), version), release));
        });
    }
}
