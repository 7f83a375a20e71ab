package win.pvdify.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import win.pvdify.api.Operation;
import win.pvdify.auth.Access;
import win.pvdify.auth.Access.Action;
import win.pvdify.auth.Caller;
import win.pvdify.ops.OperationQueue;
import win.pvdify.store.OperationQueries.Event;
import win.pvdify.store.Store;
import win.pvdify.store.StoredApp;
import win.pvdify.store.StoredOperation;

/**
 * /operations/{id} (show, cancel), /operations/{id}/events (Server-Sent Events from the start or after
 * Last-Event-ID, ending with the operation) and /apps/{name}/operations (history, newest first).
 */
public final class OperationService implements Routes.Resource {
    static final String EVENT_STREAM = "text/event-stream";
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final int MAX_LIMIT = 500;
    private final Store store;
    private final Guard guard;
    private final JsonIo io;
    private final ErrorAnswers errors;
    private final OperationQueue queue;
    private final OpenStreams streams;

    public OperationService(Store store, Guard guard, JsonIo io, ErrorAnswers errors, OperationQueue queue,
                            OpenStreams streams) {
        this.streams = streams;
        this.store = store;
        this.guard = guard;
        this.io = io;
        this.errors = errors;
        this.queue = queue;
    }

    @Override
    public ErrorAnswers errors() {
        return errors;
    }

    @Override
    public void routes(Routes r) {
        r.get("/operations/{id}", this::show)
                .delete("/operations/{id}", this::cancel)
                .get("/operations/{id}/events", this::events)
                .get("/apps/{name}/operations", this::list);
    }

    private void show(ServerRequest req, ServerResponse res) {
        io.send(res, operation(req, Action.READ_RELEASES).toApi());
    }

    private void list(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.READ_RELEASES);
        String text = req.query().first("limit").orElse("50");
        if (!text.matches("[0-9]{1,4}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > MAX_LIMIT) {
            throw ApiProblem.invalid("limit must be between 1 and " + MAX_LIMIT);
        }
        io.send(res, store.operations().list(app.name(), Integer.parseInt(text)).stream()
                .map(StoredOperation::toApi).toList());
    }

    private void cancel(ServerRequest req, ServerResponse res) {
        StoredOperation op = operation(req, Action.DEPLOY);
        Caller caller = Guard.caller(req);
        io.send(res, 202, queue.cancel(op.id(), caller.displayName()).toApi());
    }

    /** The path's operation, after the caller's access to its app is checked (404 unknown, 403 not theirs). */
    private StoredOperation operation(ServerRequest req, Action action) {
        String text = req.path().pathParameters().get("id");
        if (!text.matches("[0-9]{1,15}")) {
            throw ApiProblem.notFound("no operation '" + win.pvdify.names.Shown.of(text) + "'");
        }
        StoredOperation op = store.operations().find(Long.parseLong(text))
                .orElseThrow(() -> ApiProblem.notFound("no operation " + text));
        Caller caller = Guard.caller(req);
        if (!Access.allows(caller, action, op.app())) {
            throw ApiProblem.forbidden("this token may not see operation " + op.id() + " (app " + op.app() + ")");
        }
        return op;
    }

    private void events(ServerRequest req, ServerResponse res) {
        StoredOperation op = operation(req, Action.READ_RELEASES);
        long after = after(req);
        res.status(200);
        res.header(HeaderNames.CONTENT_TYPE, EVENT_STREAM);
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.header("X-Accel-Buffering", "no");
        // a revoked token's stream ends (its thread is interrupted out of awaitEvents)
        try (OpenStreams.Stream stream = streams.events(Guard.caller(req).tokenId());
             OutputStream out = res.outputStream()) {
            while (!stream.ended()) {
                List<Event> events = store.operations().events(op.id(), after, 200);
                for (Event e : events) {
                    boolean last = isFinal(e.stage());
                    StoredOperation ended = last ? store.operations().find(op.id()).orElseThrow() : null;
                    write(out, "id: " + e.seq() + "\nevent: " + e.stage() + "\ndata: "
                            + new String(io.bytes(e.toApi(ended)), StandardCharsets.UTF_8) + "\n\n");
                    after = e.seq();
                    if (last) {
                        return;
                    }
                }
                if (!events.isEmpty()) {
                    continue;
                }
                StoredOperation now = store.operations().find(op.id()).orElseThrow();
                if (now.state().ended() && store.operations().events(op.id(), after, 1).isEmpty()) {
                    return; // asked for events after the final one: nothing more will come
                }
                if (!queue.awaitEvents(op.id(), after, KEEP_ALIVE)) {
                    write(out, ": keep-alive\n\n");
                }
            }
        } catch (IOException e) {
            // the client went away; the operation goes on, and it may follow again from its last id
        } catch (InterruptedException e) {
            // the token was revoked (OpenStreams ended the stream and cleared the interrupt): the answer ends
        }
    }

    private static boolean isFinal(String stage) {
        return Operation.State.ends(stage);
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Last-Event-ID (a reconnecting EventSource) or ?after=N; 0 = from the first event. */
    static long after(ServerRequest req) {
        String text = req.headers().first(HeaderNames.create("Last-Event-ID"))
                .or(() -> req.query().first("after").asOptional()).orElse("0").trim();
        if (!text.matches("[0-9]{1,15}")) {
            throw ApiProblem.badRequest("Last-Event-ID (or after) must be an event number, not '"
                    + win.pvdify.names.Shown.of(text) + "'");
        }
        return Long.parseLong(text);
    }
}
