package win.pvdify.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import win.pvdify.api.DeployProgress;
import win.pvdify.api.DeployRequest;
import win.pvdify.api.Operation;
import win.pvdify.api.Release;
import win.pvdify.api.RollbackRequest;
import win.pvdify.auth.Access.Action;
import win.pvdify.auth.Caller;
import win.pvdify.commands.Commands;
import win.pvdify.names.ImageReference;
import win.pvdify.ops.OperationQueue;
import win.pvdify.store.OperationQueries;
import win.pvdify.store.StoredOperation;
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
    private final Commands commands;
    private final OperationAnswers answers;
    private final OperationQueue queue;

    public ReleaseService(Store store, Guard guard, JsonIo io, ErrorAnswers errors, Commands commands,
                          OperationAnswers answers) {
        this.store = store;
        this.guard = guard;
        this.io = io;
        this.errors = errors;
        this.commands = commands;
        this.answers = answers;
        this.queue = commands.queue();
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
        answer(req, res, commands.releases().deploy(app, body.image(), description, caller.displayName()));
    }

    private void rollback(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.ROLLBACK);
        Caller caller = Guard.caller(req);
        RollbackRequest body = io.read(req, RollbackRequest.class);
        answer(req, res, commands.releases().rollback(app, body == null ? null : body.version(),
                caller.displayName()));
    }

    /**
     * 202 with the operation; ?wait=true: 201 with the release as it ended; Accept: application/x-ndjson: the
     * operation's events as DeployProgress lines, the last one with the release (the CLI's stream before
     * operations existed).
     */
    private void answer(ServerRequest req, ServerResponse res, StoredOperation op) {
        boolean stream = req.headers().first(HeaderNames.ACCEPT).map(a -> a.contains(NDJSON)).orElse(false);
        if (!stream) {
            answers.answer(req, res, op, end -> end.release() == null || Integer.valueOf(503).equals(end.errorCode())
                    ? null : new OperationAnswers.Blocking(201, store.releases().find(end.app(), end.release())
                            .orElseThrow().release()));
            return;
        }
        res.status(201);
        res.header(HeaderNames.CONTENT_TYPE, NDJSON);
        res.header("Location", "/api/v1/operations/" + op.id());
        try (OutputStream out = res.outputStream()) {
            LineSink sink = new LineSink(out);
            long after = 0;
            while (true) {
                List<OperationQueries.Event> events = store.operations().events(op.id(), after, 200);
                for (OperationQueries.Event e : events) {
                    after = e.seq();
                    if (!Operation.State.ends(e.stage())) {
                        sink.write(io.bytes(new DeployProgress(e.stage(), e.message(), null)));
                    }
                }
                StoredOperation now = store.operations().find(op.id()).orElseThrow();
                if (now.state().ended() && store.operations().events(op.id(), after, 1).isEmpty()) {
                    Release end = now.release() == null ? null
                            : store.releases().find(now.app(), now.release()).map(r -> r.release()).orElse(null);
                    boolean ok = end != null && Release.Status.CURRENT.is(end.status());
                    String message = ok ? "v" + end.version() + " is current"
                            : end != null && end.failureReason() != null ? end.failureReason() : now.error();
                    sink.write(io.bytes(new DeployProgress(
                            (ok ? DeployProgress.Stage.DONE : DeployProgress.Stage.FAILED).wire(), message, end)));
                    return;
                }
                if (events.isEmpty()) {
                    queue.awaitEvents(op.id(), after, Duration.ofSeconds(15));
                }
            }
        } catch (IOException e) {
            // the client went away; the operation goes on
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes whole lines and flushes; after the client is gone, further lines are dropped (the deploy goes on). */
    static final class LineSink {
        private final OutputStream out;
        private boolean broken;
        private volatile long lastWrite = System.nanoTime();

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
                lastWrite = System.nanoTime();
                return true;
            } catch (IOException | RuntimeException e) {
                broken = true;
                return false;
            }
        }

        synchronized boolean broken() {
            return broken;
        }

        /** Nanoseconds since the last line went out. */
        long idleNanos() {
            return System.nanoTime() - lastWrite;
        }
    }
}
