package win.pvdify.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Consumer;
import win.pvdify.api.DeployProgress;
import win.pvdify.api.DeployRequest;
import win.pvdify.api.Release;
import win.pvdify.api.RollbackRequest;
import win.pvdify.auth.Access.Action;
import win.pvdify.auth.Caller;
import win.pvdify.names.ImageReference;
import win.pvdify.names.Shown;
import win.pvdify.store.Store;
import win.pvdify.store.StoredApp;

/** /apps/{name}/releases and /rollback: deploys (optionally streamed as NDJSON) and rollbacks. */
public final class ReleaseService implements Routes.Resource {
    static final String NDJSON = "application/x-ndjson";
    private final Store store;
    private final Guard guard;
    private final JsonIo io;
    private final ErrorAnswers errors;
    private final ReleaseFlow flow;

    public ReleaseService(Store store, Guard guard, JsonIo io, ErrorAnswers errors, ReleaseFlow flow) {
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
        r.get("/apps/{name}/releases", this::list)
                .post("/apps/{name}/releases", this::deploy)
                .get("/apps/{name}/releases/{version}", this::show)
                .post("/apps/{name}/rollback", this::rollback);
    }

    private void list(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.READ_RELEASES);
        io.send(res, store.releases().list(app.name()));
    }

    private void show(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.READ_RELEASES);
        int version = version(req.path().pathParameters().get("version"));
        io.send(res, store.releases().find(app.name(), version)
                .orElseThrow(() -> ApiProblem.notFound("app " + app.name() + " has no release v" + version)).release());
    }

    static int version(String text) {
        String t = text.startsWith("v") ? text.substring(1) : text;
        if (!t.matches("[0-9]{1,9}")) {
            throw ApiProblem.notFound("no release '" + Shown.of(text) + "'");
        }
        return Integer.parseInt(t);
    }

    private void deploy(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.DEPLOY);
        Caller caller = Guard.caller(req);
        DeployRequest body = io.require(req, DeployRequest.class);
        if (body.image() == null || body.image().isBlank()) {
            throw ApiProblem.invalid("image is required");
        }
        if (!ImageReference.isValid(body.image())) {
            throw ApiProblem.invalid("invalid image reference '" + Shown.of(body.image()) + "'");
        }
        String description = body.description() == null || body.description().isBlank()
                ? "Deploy " + body.image() : body.description();
        if (description.length() > 500 || description.indexOf('\0') >= 0) {
            throw ApiProblem.invalid("description must be at most 500 characters, without NUL");
        }
        ensureNotDeleting(app);
        Release release = flow.record(app.name(), body.image(), store.config().latestVersion(app.name()),
                description, caller, null);
        answer(req, res, app.name(), release);
    }

    private void rollback(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.ROLLBACK);
        Caller caller = Guard.caller(req);
        RollbackRequest body = io.read(req, RollbackRequest.class);
        ensureNotDeleting(app);
        Release target;
        if (body != null && body.version() != null) {
            target = store.releases().find(app.name(), body.version()).map(r -> r.release())
                    .orElseThrow(() -> ApiProblem.notFound("app " + app.name() + " has no release v" + body.version()));
            if (target.image() == null) {
                throw ApiProblem.invalid("release v" + target.version() + " has no image to roll back to");
            }
        } else {
            if (app.currentRelease() == null) {
                throw ApiProblem.conflict("app " + app.name() + " has no current release to roll back from");
            }
            target = store.releases().previousGood(app.name(), app.currentRelease())
                    .orElseThrow(() -> ApiProblem.conflict("app " + app.name() + " has no earlier release to roll back to"));
        }
        Release release = flow.record(app.name(), target.image(), target.configVersion(),
                "Rollback to v" + target.version(), caller, target.version());
        answer(req, res, app.name(), release);
    }

    private static void ensureNotDeleting(StoredApp app) {
        if ("deleting".equals(app.status())) {
            throw ApiProblem.conflict("app " + app.name() + " is being deleted");
        }
    }

    /** Runs the release; NDJSON progress lines when asked for, else one JSON answer at the end. */
    private void answer(ServerRequest req, ServerResponse res, String app, Release release) {
        boolean stream = req.headers().first(HeaderNames.ACCEPT).map(a -> a.contains(NDJSON)).orElse(false);
        if (!stream) {
            io.send(res, 201, flow.run(app, release, p -> { }));
            return;
        }
        res.status(201);
        res.header(HeaderNames.CONTENT_TYPE, NDJSON);
        try (OutputStream out = res.outputStream()) {
            LineSink sink = new LineSink(out);
            Consumer<DeployProgress> progress = p -> sink.write(io.bytes(p));
            sink.write(io.bytes(new DeployProgress("release", "Release v" + release.version() + " recorded", null)));
            Release end;
            try {
                end = flow.run(app, release, progress);
            } catch (ApiProblem p) {
                end = flow.reload(app, release.version());
                sink.write(io.bytes(new DeployProgress("failed", p.getMessage(), end)));
                return;
            }
            boolean ok = "current".equals(end.status());
            sink.write(io.bytes(new DeployProgress(ok ? "done" : "failed",
                    ok ? "v" + end.version() + " is current" : end.failureReason(), end)));
        } catch (IOException e) {
            // the client went away; the release outcome is in the store
        }
    }

    /** Writes whole lines and flushes; after the client is gone, further lines are dropped (the deploy goes on). */
    static final class LineSink {
        private final OutputStream out;
        private boolean broken;

        LineSink(OutputStream out) {
            this.out = out;
        }

        synchronized boolean write(byte[] line) {
            if (broken) {
                return false;
            }
            try {
                out.write(line);
                out.write('\n');
                out.flush();
                return true;
            } catch (IOException | RuntimeException e) {
                broken = true;
                return false;
            }
        }

        synchronized boolean broken() {
            return broken;
        }
    }
}
