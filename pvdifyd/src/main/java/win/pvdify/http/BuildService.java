package win.pvdify.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import win.pvdify.api.Build;
import win.pvdify.auth.Access.Action;
import win.pvdify.auth.Caller;
import win.pvdify.commands.BuildChanges;
import win.pvdify.commands.Commands;
import win.pvdify.names.Shown;
import win.pvdify.store.OperationQueries;
import win.pvdify.store.Store;
import win.pvdify.store.StoredApp;
import win.pvdify.store.StoredBuild;
import win.pvdify.store.StoredOperation;

/**
 * /apps/{name}/builds: builds from an uploaded source tarball (tar or tar.gz, the body as is), Heroku's build
 * resource, and each build's output (the events of its operation) as plain text lines, followed or not.
 */
public final class BuildService implements Routes.Resource {
    static final int LIST_LIMIT = 100;
    private final Store store;
    private final Guard guard;
    private final JsonIo io;
    private final ErrorAnswers errors;
    private final Commands commands;
    private final BuildChanges builds;

    public BuildService(Store store, Guard guard, JsonIo io, ErrorAnswers errors, Commands commands) {
        this.store = store;
        this.guard = guard;
        this.io = io;
        this.errors = errors;
        this.commands = commands;
        this.builds = commands.builds();
    }

    @Override
    public ErrorAnswers errors() {
        return errors;
    }

    @Override
    public void routes(Routes r) {
        r.get("/apps/{name}/builds", this::list)
                .post("/apps/{name}/builds", this::create)
                .get("/apps/{name}/builds/{id}", this::show)
                .get("/apps/{name}/builds/{id}/output", this::output)
                .post("/apps/{name}/builds/{id}/cancel", this::cancel);
    }

    private void list(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.READ_RELEASES);
        List<Build> out = store.builds().list(app.name(), LIST_LIMIT).stream()
                .map(b -> builds.settled(b).toApi()).toList();
        io.send(res, out);
    }

    private void create(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.DEPLOY);
        Caller caller = Guard.caller(req);
        String version = req.query().first("version").orElse(null);
        if (version != null && !version.matches("[0-9a-f]{7,64}")) {
            throw ApiProblem.invalid("version must be a commit id (7 to 64 hex digits), not '" + Shown.of(version)
                    + "'");
        }
        String description = req.query().first("description").orElse(null);
        if (description != null && (description.isBlank() || description.length() > 500
                || description.chars().anyMatch(c -> c < 0x20))) {
            throw ApiProblem.invalid("description must be 1 to 500 characters, without control characters");
        }
        StoredBuild b;
        try (InputStream in = req.content().inputStream()) {
            b = builds.start(app, in, Build.Source.UPLOAD, version, description, caller.displayName());
        } catch (IOException e) {
            throw ApiProblem.badRequest("the upload broke off: " + e.getMessage());
        }
        res.header("Location", "/api/v1/apps/" + app.name() + "/builds/" + b.number());
        io.send(res, 201, b.toApi());
    }

    private void show(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.READ_RELEASES);
        io.send(res, find(app, req).toApi());
    }

    private void cancel(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.DEPLOY);
        io.send(res, builds.cancel(find(app, req), Guard.caller(req).displayName()).toApi());
    }

    /** The build's output, one line per event; ?follow=true: until the build has ended. */
    private void output(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.READ_RELEASES);
        StoredBuild b = find(app, req);
        String f = req.query().first("follow").orElse("false");
        if (!f.equals("true") && !f.equals("false")) {
            throw ApiProblem.badRequest("follow must be true or false");
        }
        boolean follow = f.equals("true");
        res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        if (b.operation() == null) {
            res.send("");
            return;
        }
        long id = b.operation();
        try (OutputStream out = res.outputStream()) {
            long after = 0;
            while (true) {
                List<OperationQueries.Event> events = store.operations().events(id, after, 500);
                for (OperationQueries.Event e : events) {
                    after = e.seq();
                    out.write((BuildOutput.line(e.stage(), e.message()) + "\n").getBytes(StandardCharsets.UTF_8));
                }
                out.flush();
                if (events.size() == 500) {
                    continue;
                }
                StoredOperation op = store.operations().find(id).orElseThrow();
                if (!follow || op.state().ended() && store.operations().events(id, after, 1).isEmpty()) {
                    return;
                }
                commands.queue().awaitEvents(id, after, Duration.ofSeconds(15));
            }
        } catch (IOException e) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private StoredBuild find(StoredApp app, ServerRequest req) {
        String text = req.path().pathParameters().get("id");
        if (!text.matches("[0-9]{1,9}")) {
            throw ApiProblem.notFound("no build '" + Shown.of(text) + "'");
        }
        int number = Integer.parseInt(text);
        return builds.settled(store.builds().find(app.name(), number)
                .orElseThrow(() -> ApiProblem.notFound("app " + app.name() + " has no build " + number)));
    }
}
