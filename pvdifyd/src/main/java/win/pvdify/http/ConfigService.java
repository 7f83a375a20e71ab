package win.pvdify.http;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import win.pvdify.api.ConfigVars;
import win.pvdify.api.Release;
import win.pvdify.auth.Access.Action;
import win.pvdify.auth.Caller;
import win.pvdify.names.ConfigKey;
import win.pvdify.store.ConfigQueries;
import win.pvdify.store.Store;
import win.pvdify.store.StoredApp;

/** /apps/{name}/config: every change is a new config version and a new release (Heroku semantics). */
public final class ConfigService implements Routes.Resource {
    private static final int MAX_VARS = 1000;
    private final Store store;
    private final Guard guard;
    private final JsonIo io;
    private final ErrorAnswers errors;
    private final ReleaseFlow flow;

    public ConfigService(Store store, Guard guard, JsonIo io, ErrorAnswers errors, ReleaseFlow flow) {
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
        Map<String, String> body = io.read(req, io.mapper().getTypeFactory()
                .constructMapType(LinkedHashMap.class, String.class, String.class));
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
        if ("deleting".equals(app.status())) {
            throw ApiProblem.conflict("app " + app.name() + " is being deleted");
        }
        // One write transaction: the new config version and its release get consecutive numbers together.
        record Made(ConfigQueries.Change change, Release release) {
        }
        Made made = store.db().write(ctx -> {
            ConfigQueries.Change c = store.config().apply(app.name(), changes);
            if (!c.changed()) {
                return new Made(c, null);
            }
            StoredApp now = store.apps().find(app.name()).orElseThrow();
            String image = now.currentRelease() == null ? null
                    : store.releases().find(app.name(), now.currentRelease()).map(r -> r.release().image()).orElse(null);
            return new Made(c, flow.record(app.name(), image, c.version(), description, caller, null));
        });
        Release release = made.release() == null ? null : flow.run(app.name(), made.release(), p -> { });
        io.send(res, new ConfigVars(made.change().version(), made.change().vars(), release));
    }
}
