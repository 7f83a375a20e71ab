package win.pvdify.http;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import win.pvdify.api.Run;
import win.pvdify.api.RunRequest;
import win.pvdify.api.RunSettings;
import win.pvdify.auth.Access;
import win.pvdify.auth.Access.Action;
import win.pvdify.auth.Caller;
import win.pvdify.names.AppName;
import win.pvdify.names.ConfigKey;
import win.pvdify.commands.OneOffRuns;
import win.pvdify.store.AppQueries;
import win.pvdify.store.StoredApp;
import win.pvdify.store.StoredRun;
import win.pvdify.systemd.EnvFileRenderer;

/**
 * /apps/{name}/runs: one-off runs (`pvdify run`). POST starts one (201 with the run; an attached run then
 * waits for its client on GET .../runs/{number}/attach, a WebSocket: see RunAttachSocket), GET lists them,
 * POST .../runs/{number}/stop stops one; GET/PUT .../runs/settings say whether deploy tokens may run.
 */
public final class RunService implements Routes.Resource {
    static final int MAX_WORDS = 256;
    static final int MAX_COMMAND_CHARS = 64 * 1024;
    static final int MAX_ENV = 100;
    static final int MAX_LIST = 100;
    private final Guard guard;
    private final AppQueries apps;
    private final JsonIo io;
    private final ErrorAnswers errors;
    private final OneOffRuns runs;

    public RunService(Guard guard, AppQueries apps, JsonIo io, ErrorAnswers errors, OneOffRuns runs) {
        this.guard = guard;
        this.apps = apps;
        this.io = io;
        this.errors = errors;
        this.runs = runs;
    }

    @Override
    public ErrorAnswers errors() {
        return errors;
    }

    @Override
    public void routes(Routes r) {
        r.get("/apps/{name}/runs/settings", this::settings)
                .put("/apps/{name}/runs/settings", this::changeSettings)
                .post("/apps/{name}/runs", this::start)
                .get("/apps/{name}/runs", this::list)
                .get("/apps/{name}/runs/{number}", this::show)
                .post("/apps/{name}/runs/{number}/stop", this::stop)
                .get("/apps/{name}/runs/{number}/attach", this::attachWithoutUpgrade);
    }

    /** The app, after the caller was found allowed to run commands on it (403 before 404, like Guard). */
    StoredApp appForRun(Caller caller, String name) {
        boolean appAllows = AppName.isValid(name) && runs.store().deployTokensMayRun(name);
        if (!Access.allowsRun(caller, name, appAllows)) {
            throw ApiProblem.forbidden(caller.isAdmin() ? "not allowed"
                    : caller.app() != null && caller.app().equals(name)
                    ? "deploy tokens may not run commands on " + name + " (an admin can allow it: pvdify"
                            + " run:settings " + name + " --deploy-tokens on)"
                    : "this deploy token (app " + caller.app() + ") may not run commands on "
                            + win.pvdify.names.Shown.of(name));
        }
        if (!AppName.isValid(name)) {
            throw ApiProblem.notFound("no app named '" + win.pvdify.names.Shown.of(name) + "'");
        }
        return apps.find(name).orElseThrow(() -> ApiProblem.notFound("no app named '" + name + "'"));
    }

    private void start(ServerRequest req, ServerResponse res) {
        Caller caller = Guard.caller(req);
        StoredApp app = appForRun(caller, req.path().pathParameters().get("name"));
        RunRequest body = io.require(req, RunRequest.class);
        OneOffRuns.Request r = request(body);
        StoredRun run = runs.start(app.name(), r, caller.displayName());
        res.header("Location", ApiRouting.PREFIX + "/apps/" + app.name() + "/runs/" + run.number());
        io.send(res, 201, wire(run));
    }

    /** Checks a request: every problem is a 422 naming what to fix; nothing unchecked reaches a container. */
    static OneOffRuns.Request request(RunRequest body) {
        List<String> command = body.command();
        if (command == null || command.isEmpty()) {
            throw ApiProblem.invalid("command is required: the words to run, e.g. [\"sh\", \"-c\", \"echo hi\"]");
        }
        if (command.size() > MAX_WORDS) {
            throw ApiProblem.invalid("command has more than " + MAX_WORDS + " words");
        }
        int chars = 0;
        for (String w : command) {
            if (w == null || w.indexOf('\0') >= 0) {
                throw ApiProblem.invalid("command words cannot be null or contain a NUL byte");
            }
            chars += w.length();
        }
        if (command.get(0).isBlank()) {
            throw ApiProblem.invalid("command must start with a program name");
        }
        if (chars > MAX_COMMAND_CHARS) {
            throw ApiProblem.invalid("command is longer than " + MAX_COMMAND_CHARS + " characters");
        }
        boolean attach = Boolean.TRUE.equals(body.attach());
        boolean tty = Boolean.TRUE.equals(body.tty());
        if (tty && !attach) {
            throw ApiProblem.invalid("tty needs attach: a detached run has no terminal");
        }
        Map<String, String> env = new TreeMap<>();
        if (body.env() != null) {
            if (body.env().size() > MAX_ENV) {
                throw ApiProblem.invalid("at most " + MAX_ENV + " env vars per run");
            }
            for (Map.Entry<String, String> e : body.env().entrySet()) {
                ApiProblem.check(ConfigKey.keyProblem(e.getKey()));
                if (e.getValue() == null) {
                    throw ApiProblem.invalid("env var " + e.getKey() + " has no value");
                }
                ApiProblem.check(ConfigKey.valueProblem(e.getKey(), e.getValue()));
                EnvFileRenderer.problem(e.getKey(), e.getValue()).ifPresent(p -> {
                    throw ApiProblem.invalid(p);
                });
                if (e.getKey().equals("PORT") || e.getKey().equals("DYNO")) {
                    throw ApiProblem.invalid("env var " + e.getKey() + " is set by pvdify for every run");
                }
                env.put(e.getKey(), e.getValue());
            }
        }
        if (body.release() != null && (body.release() < 1 || body.release() > 999_999_999)) {
            throw ApiProblem.invalid("release must be a release number (1 or more)");
        }
        Duration ttl = null;
        if (body.ttlSeconds() != null) {
            if (body.ttlSeconds() < 1 || body.ttlSeconds() > OneOffRuns.MAX_TTL.toSeconds()) {
                throw ApiProblem.invalid("ttl_seconds must be between 1 and " + OneOffRuns.MAX_TTL.toSeconds());
            }
            ttl = Duration.ofSeconds(body.ttlSeconds());
        }
        return new OneOffRuns.Request(command, attach, tty, env, body.release(), ttl);
    }

    private void list(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.READ_PS);
        boolean all = req.query().first("all").map("true"::equals).orElse(false);
        List<Run> out = new ArrayList<>();
        for (StoredRun r : runs.list(app.name(), MAX_LIST)) {
            if (all || !r.state().ended()) {
                out.add(wire(r));
            }
        }
        io.send(res, out);
    }

    private void show(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.READ_PS);
        io.send(res, wire(find(app.name(), number(req))));
    }

    private void stop(ServerRequest req, ServerResponse res) {
        Caller caller = Guard.caller(req);
        StoredApp app = appForRun(caller, req.path().pathParameters().get("name"));
        int n = number(req);
        find(app.name(), n);
        io.send(res, wire(runs.stop(app.name(), n, caller.displayName())));
    }

    /** Reached when a GET of the attach route was not upgraded: says why (the same checks as the upgrade). */
    private void attachWithoutUpgrade(ServerRequest req, ServerResponse res) {
        Caller caller = Guard.caller(req);
        StoredApp app = appForRun(caller, req.path().pathParameters().get("name"));
        runs.attachable(app.name(), number(req));
        throw ApiProblem.badRequest("attach is a WebSocket: send GET with Upgrade: websocket");
    }

    private void settings(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.READ_APP);
        io.send(res, new RunSettings(runs.store().deployTokensMayRun(app.name())));
    }

    private void changeSettings(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.UPDATE_APP);
        RunSettings body = io.require(req, RunSettings.class);
        if (body.deployTokens() == null) {
            throw ApiProblem.invalid("deploy_tokens is required (true or false)");
        }
        runs.store().setDeployTokensMayRun(app.name(), body.deployTokens());
        io.send(res, new RunSettings(body.deployTokens()));
    }

    private StoredRun find(String app, int number) {
        return runs.store().find(app, number)
                .orElseThrow(() -> ApiProblem.notFound("no run." + number + " on " + app));
    }

    static int number(ServerRequest req) {
        return number(req.path().pathParameters().get("number"));
    }

    /** "3" or "run.3"; 404 for anything else. */
    static int number(String s) {
        String n = s != null && s.startsWith("run.") ? s.substring(4) : s;
        if (n == null || !n.matches("[1-9][0-9]{0,8}")) {
            throw ApiProblem.notFound("no run '" + win.pvdify.names.Shown.of(s) + "': runs are run.N");
        }
        return Integer.parseInt(n);
    }

    static Run wire(StoredRun r) {
        return new Run(r.name(), r.number(), r.app(), r.release(), r.command(), r.attached(), r.tty(),
                r.state().wire(), r.exitCode(), r.error(), r.createdBy(), r.createdAt(), r.startedAt(), r.endedAt(),
                r.deadline());
    }
}
