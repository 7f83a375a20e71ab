package win.pvdify.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import win.pvdify.addon.Addon;
import win.pvdify.addon.AddonKind;
import win.pvdify.addon.AddonUrl;
import win.pvdify.api.AddonAttachment;
import win.pvdify.api.AttachAddon;
import win.pvdify.api.CreateAddon;
import win.pvdify.api.Operation;
import win.pvdify.auth.Access.Action;
import win.pvdify.commands.Commands;
import win.pvdify.names.AppName;
import win.pvdify.names.Shown;
import win.pvdify.store.Store;
import win.pvdify.store.StoredApp;
import win.pvdify.store.StoredOperation;

/**
 * Add-ons: list (all, or an app's), create for an app, info, attach to another app, detach, restart, destroy
 * (?confirm=NAME). Every change is an operation (202, or 200 with ?wait=true). Admin tokens only: an add-on can
 * be shared between apps, and its data outlives them. Bad input: unknown kind or version 422, a name that is not
 * a DNS label 422, an unknown app or add-on 404, destroy without the confirmation 400.
 */
public final class AddonService implements Routes.Resource {
    private final Store store;
    private final Guard guard;
    private final JsonIo io;
    private final ErrorAnswers errors;
    private final Commands commands;
    private final OperationAnswers answers;
    private final win.pvdify.commands.OneOffRuns oneOffs;

    public AddonService(Store store, Guard guard, JsonIo io, ErrorAnswers errors, Commands commands,
                        OperationAnswers answers, win.pvdify.commands.OneOffRuns oneOffs) {
        this.oneOffs = oneOffs;
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
        r.get("/addons", this::listAll)
                .get("/apps/{name}/addons", this::listApp)
                .post("/apps/{name}/addons", this::create)
                .get("/addons/{addon}", this::info)
                .delete("/addons/{addon}", this::destroy)
                .post("/addons/{addon}/attachments", this::attach)
                .delete("/addons/{addon}/attachments/{app}", this::detach)
                .post("/addons/{addon}/restart", this::restart)
                .get("/addons/{addon}/backups", this::backups)
                .post("/addons/{addon}/backups", this::capture)
                .post("/addons/{addon}/backups/{id}/restore", this::restore)
                .get("/addons/{addon}/backups/{id}/download", this::download)
                .post("/addons/{addon}/connect", this::connect);
    }

    private void listAll(ServerRequest req, ServerResponse res) {
        Guard.allow(req, Action.ADMIN, null);
        io.send(res, commands.addons().list(null).stream().map(this::wire).toList());
    }

    private void listApp(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.ADMIN);
        io.send(res, commands.addons().list(app.name()).stream().map(this::wire).toList());
    }

    private void create(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.ADMIN);
        CreateAddon body = io.require(req, CreateAddon.class);
        AddonKind kind = AddonKind.fromWire(body.kind()).orElseThrow(() -> ApiProblem.invalid("kind must be"
                + " postgres or redis, not " + Shown.of(String.valueOf(body.kind()))));
        if (body.name() != null) {
            ApiProblem.check(Addon.nameProblem(body.name()));
        }
        if (body.as() != null) {
            ApiProblem.check(asProblem(body.as()));
        }
        if (body.version() != null && !kind.versions().contains(body.version())) {
            throw ApiProblem.invalid("unknown " + kind.wire() + " version " + Shown.of(body.version()) + " (known: "
                    + String.join(", ", kind.versions()) + ")");
        }
        StoredOperation op = commands.addons().create(app, kind, body.version(), body.name(), body.as(),
                Guard.caller(req).displayName());
        answers.answer(req, res, op, end -> end.state() != Operation.State.SUCCEEDED ? null
                : new OperationAnswers.Blocking(200, wire(commands.addons().find(op.param("addon")))));
    }

    private void info(ServerRequest req, ServerResponse res) {
        Guard.allow(req, Action.ADMIN, null);
        io.send(res, wire(addon(req)));
    }

    private void attach(ServerRequest req, ServerResponse res) {
        Guard.allow(req, Action.ADMIN, null);
        Addon addon = addon(req);
        AttachAddon body = io.require(req, AttachAddon.class);
        StoredApp app = app(body.app());
        if (body.as() != null) {
            ApiProblem.check(asProblem(body.as()));
        }
        StoredOperation op = commands.addons().attach(addon, app, body.as(), Guard.caller(req).displayName());
        answers.answer(req, res, op, end -> end.state() != Operation.State.SUCCEEDED ? null
                : new OperationAnswers.Blocking(200, wire(commands.addons().find(addon.name()))));
    }

    private void detach(ServerRequest req, ServerResponse res) {
        Guard.allow(req, Action.ADMIN, null);
        Addon addon = addon(req);
        StoredApp app = app(req.path().pathParameters().get("app"));
        StoredOperation op = commands.addons().detach(addon, app, Guard.caller(req).displayName());
        answers.answer(req, res, op, end -> end.state() != Operation.State.SUCCEEDED ? null
                : new OperationAnswers.Blocking(200, wire(commands.addons().find(addon.name()))));
    }

    private void restart(ServerRequest req, ServerResponse res) {
        Guard.allow(req, Action.ADMIN, null);
        Addon addon = addon(req);
        StoredOperation op = commands.addons().restart(addon, Guard.caller(req).displayName());
        answers.answer(req, res, op, end -> end.state() != Operation.State.SUCCEEDED ? null
                : new OperationAnswers.Blocking(200, wire(commands.addons().find(addon.name()))));
    }

    private void destroy(ServerRequest req, ServerResponse res) {
        Guard.allow(req, Action.ADMIN, null);
        Addon addon = addon(req);
        String confirm = req.query().first("confirm").orElse(null);
        if (!addon.name().equals(confirm)) {
            throw ApiProblem.badRequest("destroying add-on " + addon.name() + " deletes its data: confirm with"
                    + " ?confirm=" + addon.name());
        }
        StoredOperation op = commands.addons().destroy(addon, Guard.caller(req).displayName());
        answers.answer(req, res, op, end -> end.state() != Operation.State.SUCCEEDED ? null
                : new OperationAnswers.Blocking(200, List.of()));
    }

    private void backups(ServerRequest req, ServerResponse res) {
        Guard.allow(req, Action.ADMIN, null);
        io.send(res, backupList(addon(req)));
    }

    private void capture(ServerRequest req, ServerResponse res) {
        Guard.allow(req, Action.ADMIN, null);
        Addon addon = addon(req);
        StoredOperation op = commands.backups().capture(addon, Guard.caller(req).displayName());
        answers.answer(req, res, op, end -> end.state() != Operation.State.SUCCEEDED ? null
                : new OperationAnswers.Blocking(200, backupList(addon)));
    }

    private void restore(ServerRequest req, ServerResponse res) {
        Guard.allow(req, Action.ADMIN, null);
        Addon addon = addon(req);
        StoredOperation op = commands.backups().restore(addon, backupId(req, addon),
                Guard.caller(req).displayName());
        answers.answer(req, res, op, end -> end.state() != Operation.State.SUCCEEDED ? null
                : new OperationAnswers.Blocking(200, backupList(addon)));
    }

    private void download(ServerRequest req, ServerResponse res) throws java.io.IOException {
        Guard.allow(req, Action.ADMIN, null);
        Addon addon = addon(req);
        long id = backupId(req, addon);
        commands.backups().backup(addon, id); // 404 before the stream starts
        res.status(200);
        res.header(HeaderNames.CONTENT_TYPE, "application/octet-stream");
        res.header("Content-Disposition", "attachment; filename=\"" + addon.name() + "-" + id + ".dump\"");
        try (java.io.OutputStream out = res.outputStream()) {
            commands.backups().download(addon, id, out);
        }
    }

    /**
     * pg:psql, redis:cli: an attached one-off run of the app (its network, its config) with the add-on's own image
     * and client on the URL the app has; the client then attaches like `pvdify run` does.
     */
    private void connect(ServerRequest req, ServerResponse res) {
        Guard.allow(req, Action.ADMIN, null);
        Addon addon = addon(req);
        win.pvdify.api.ConnectAddon body = io.require(req, win.pvdify.api.ConnectAddon.class);
        StoredApp app = app(body.app());
        Addon.Attachment at = addon.attachments().stream().filter(a -> a.app().equals(app.name())).findFirst()
                .orElseThrow(() -> ApiProblem.conflict("add-on " + addon.name() + " is not attached to " + app.name()
                        + ": attach it first (pvdify addons:attach " + addon.name() + " -a " + app.name() + ")"));
        // The var is one Addon.varProblem accepted ([A-Z][A-Z0-9_]*_URL): safe inside the shell line.
        String client = switch (addon.kind()) {
            case POSTGRES -> "exec psql \"$" + at.var() + "\"";
            case REDIS -> "exec redis-cli --no-auth-warning -u \"$" + at.var() + "\"";
        };
        win.pvdify.store.StoredRun run = oneOffs.start(app.name(), new win.pvdify.commands.OneOffRuns.Request(
                List.of("sh", "-c", client), true, Boolean.TRUE.equals(body.tty()), java.util.Map.of(), null,
                java.time.Duration.ofHours(1), addon.image()), Guard.caller(req).displayName());
        io.send(res, 201, RunService.wire(run));
    }

    private long backupId(ServerRequest req, Addon addon) {
        String id = req.path().pathParameters().get("id");
        if (id == null || !id.matches("[0-9]{1,12}")) {
            throw ApiProblem.notFound("add-on " + addon.name() + " has no backup " + Shown.of(String.valueOf(id)));
        }
        return Long.parseLong(id);
    }

    private List<win.pvdify.api.AddonBackup> backupList(Addon addon) {
        return commands.backups().list(addon).stream().map(b -> new win.pvdify.api.AddonBackup(b.id(), b.addon(),
                b.state(), b.bytes(), b.error(), b.createdAt(), b.endedAt())).toList();
    }

    private Addon addon(ServerRequest req) {
        return commands.addons().find(req.path().pathParameters().get("addon"));
    }

    private StoredApp app(String name) {
        if (name == null || !AppName.isValid(name)) {
            throw ApiProblem.notFound("no app named '" + Shown.of(String.valueOf(name)) + "'");
        }
        return store.apps().find(name).orElseThrow(() -> ApiProblem.notFound("no app named '" + name + "'"));
    }

    private static String asProblem(String as) {
        return as.length() <= 40 && as.matches("[A-Za-z][A-Za-z0-9_-]*") ? null
                : "as must be letters, digits, '_' and '-' (at most 40), starting with a letter: the config var"
                + " becomes AS_URL";
    }

    private win.pvdify.api.Addon wire(Addon a) {
        return new win.pvdify.api.Addon(a.name(), a.kind().wire(), a.version(), a.image(), a.app(),
                commands.addons().state(a), a.createdAt(), a.attachments().stream()
                .map(t -> new AddonAttachment(t.app(), t.var(), AddonUrl.masked(a.kind(), t.ip()))).toList());
    }
}
