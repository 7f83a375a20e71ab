package win.pvdify.http;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Set;
import win.pvdify.api.App;
import win.pvdify.api.CreateApp;
import win.pvdify.api.Domain;
import win.pvdify.api.Healthcheck;
import win.pvdify.api.Operation;
import win.pvdify.api.Release;
import win.pvdify.api.Resources;
import win.pvdify.api.UpdateApp;
import win.pvdify.auth.Access.Action;
import win.pvdify.auth.Caller;
import win.pvdify.commands.Commands;
import win.pvdify.engine.Healthchecks;
import win.pvdify.names.AppName;
import win.pvdify.store.AppQueries;
import win.pvdify.store.Store;
import win.pvdify.store.StoredApp;
import win.pvdify.store.StoredOperation;

/** /apps and /apps/{name}: create, list, show, change settings, delete. */
public final class AppService implements Routes.Resource {
    private static final Set<String> ENVIRONMENTS = Set.of("production", "staging");
    private final Store store;
    private final Guard guard;
    private final JsonIo io;
    private final ErrorAnswers errors;
    private final Commands commands;
    private final OperationAnswers answers;
    private final String baseDomain;
    private final int previewsPerToken;

    private volatile RenderedList rendered;

    public AppService(Store store, Guard guard, JsonIo io, ErrorAnswers errors, Commands commands,
                      OperationAnswers answers, String baseDomain, int previewsPerToken) {
        this.previewsPerToken = previewsPerToken;
        this.store = store;
        this.guard = guard;
        this.io = io;
        this.errors = errors;
        this.commands = commands;
        this.answers = answers;
        this.baseDomain = baseDomain;
    }

    @Override
    public ErrorAnswers errors() {
        return errors;
    }

    @Override
    public void routes(Routes r) {
        r.get("/apps", this::list)
                .post("/apps", this::create)
                .get("/apps/{name}", this::show)
                .patch("/apps/{name}", this::update)
                .delete("/apps/{name}", this::delete);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Caller c = Guard.caller(req);
        List<AppQueries.ListedApp> all = store.apps().listWithDetails();
        List<AppQueries.ListedApp> visible = all.stream()
                .filter(a -> win.pvdify.auth.Access.allows(c, Action.READ_APP, a.app().name())).toList();
        if (visible.size() < all.size()) {
            io.send(res, visible.stream().map(this::view).toList());
            return;
        }
        RenderedList r = rendered;
        if (r == null || r.source() != all) { // the store hands out the same list until the next write
            r = new RenderedList(all, io.bytes(all.stream().map(this::view).toList()));
            rendered = r;
        }
        io.sendRendered(res, r.json());
    }

    /** The whole list as callers that see every app get it, rendered once per version of the list. */
    private record RenderedList(List<AppQueries.ListedApp> source, byte[] json) {
    }

    private App view(AppQueries.ListedApp a) {
        return view(a.app(), a.image(), a.hostnames());
    }

    private void create(ServerRequest req, ServerResponse res) {
        CreateApp body = io.require(req, CreateApp.class);
        ApiProblem.check(AppName.problem(body.name()));
        Caller c = Guard.allow(req, Action.CREATE_APP, body.name());
        String env = body.environment() == null ? "production" : body.environment();
        if (!ENVIRONMENTS.contains(env)) {
            throw ApiProblem.invalid("environment must be production or staging");
        }
        if (!c.isAdmin() && win.pvdify.auth.Access.isPreviewOf(body.name(), c.app())) {
            // each preview app takes a port, disk and memory: a pull-request workflow must not take them all
            long previews = store.apps().list().stream()
                    .filter(a -> win.pvdify.auth.Access.isPreviewOf(a.name(), c.app())).count();
            if (previews >= previewsPerToken && !store.apps().exists(body.name())) {
                throw new ApiProblem(429, c.app() + " already has " + previews + " preview apps (max_previews_per_token "
                        + previewsPerToken + "); tear one down first (gh pvdify preview:teardown)");
            }
        }
        AuditNote.note(req, body.name(), null, "Create app " + body.name() + " (" + env + ")");
        io.send(res, 201, view(commands.setup().create(body.name(), env, c.displayName())));
    }

    private void show(ServerRequest req, ServerResponse res) {
        io.send(res, view(guard.app(req, Action.READ_APP)));
    }

    private void update(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.UPDATE_APP);
        UpdateApp body = io.require(req, UpdateApp.class);
        int bindPort = app.bindPort();
        if (body.bindPort() != null) {
            if (body.bindPort() < 1 || body.bindPort() > 65535) {
                throw ApiProblem.invalid("bind_port must be between 1 and 65535");
            }
            bindPort = body.bindPort();
        }
        String env = app.environment();
        if (body.environment() != null) {
            if (!ENVIRONMENTS.contains(body.environment())) {
                throw ApiProblem.invalid("environment must be production or staging");
            }
            env = body.environment();
        }
        Resources resources = body.resources() == null ? app.resources() : checked(body.resources());
        Healthcheck hc = body.healthcheck() == null ? app.healthcheck() : checked(body.healthcheck());
        boolean readOnly = body.readOnly() == null ? app.readOnly() : body.readOnly();
        io.send(res, view(commands.setup().changeSettings(new StoredApp(app.name(), env, app.status(), bindPort,
                resources, hc, readOnly, app.currentRelease(), app.createdAt(), app.updatedAt()),
                Guard.caller(req).displayName())));
    }

    private static Resources checked(Resources r) {
        if (r.memoryMb() != null && (r.memoryMb() < 6 || r.memoryMb() > 1_048_576)) {
            throw ApiProblem.invalid("resources.memory_mb must be between 6 and 1048576");
        }
        if (r.cpu() != null && (r.cpu().isNaN() || r.cpu() < 0.01 || r.cpu() > 1024)) {
            throw ApiProblem.invalid("resources.cpu must be between 0.01 and 1024");
        }
        return r;
    }

    private static Healthcheck checked(Healthcheck h) {
        ApiProblem.check(Healthchecks.problem(h));
        return h;
    }

    private void delete(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.DELETE_APP);
        String force = req.query().first("force").orElse("false");
        if (!force.equals("true") && !force.equals("false")) {
            throw ApiProblem.invalid("force must be true or false");
        }
        StoredOperation op = commands.removal().delete(app, Boolean.parseBoolean(force),
                Guard.caller(req).displayName());
        answers.answer(req, res, op, end -> end.state() != Operation.State.SUCCEEDED ? null
                : new OperationAnswers.Blocking(204, null));
    }

    App view(StoredApp a) {
        Release current = a.currentRelease() == null ? null
                : store.releases().find(a.name(), a.currentRelease()).map(r -> r.release()).orElse(null);
        List<String> domains = store.domains().list(a.name()).stream().map(Domain::hostname).toList();
        return view(a, current == null ? null : current.image(), domains);
    }

    private App view(StoredApp a, String image, List<String> domains) {
        return new App(a.name(), a.environment(), a.status().wire(), image,
                a.currentRelease(), a.bindPort(), a.resources(), a.healthcheck(), a.readOnly(),
                webUrl(a.name(), baseDomain), domains, a.createdAt(), a.updatedAt());
    }

    /**
     * The app's address. Local-only base domains (.localhost, .local, .test: no public certificate can exist)
     * are served over plain HTTP by the setup without systemd; every other domain gets Caddy's automatic HTTPS.
     */
    static String webUrl(String app, String baseDomain) {
        String d = baseDomain.toLowerCase(java.util.Locale.ROOT);
        boolean local = d.equals("localhost") || d.endsWith(".localhost") || d.endsWith(".local") || d.endsWith(".test");
        return (local ? "http://" : "https://") + app + "." + baseDomain;
    }
}
