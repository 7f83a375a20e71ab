package win.pvdify.http;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.util.function.Function;
import win.pvdify.api.Operation;
import win.pvdify.ops.OperationQueue;
import win.pvdify.store.StoredOperation;

/**
 * How a mutating route answers: at once with 202, the operation and its Location; or, with ?wait=true, when
 * the operation has ended, with the route's old blocking answer (scripts stay simple).
 */
public final class OperationAnswers {
    /** A blocking client waits at most this long; the operation goes on after. */
    static final Duration MAX_WAIT = Duration.ofMinutes(15);
    private final OperationQueue queue;
    private final JsonIo io;

    public OperationAnswers(OperationQueue queue, JsonIo io) {
        this.queue = queue;
        this.io = io;
    }

    /**
     * Answers for op. blocking maps the ended operation to the old answer (status and body; a null body = no
     * content); failures of kinds without a release answer their error with the operation's status.
     */
    public void answer(ServerRequest req, ServerResponse res, StoredOperation op,
                       Function<StoredOperation, Blocking> blocking) {
        AuditNote.note(req, op.app(), op.id(), op.description());
        if (!waits(req)) {
            res.header("Location", "/api/v1/operations/" + op.id());
            io.send(res, 202, op.toApi());
            return;
        }
        StoredOperation end = awaitEnd(op);
        if (!end.state().ended()) {
            throw new ApiProblem(504, "operation " + op.id() + " is still " + end.state().wire() + " after "
                    + MAX_WAIT.toMinutes() + " minutes; follow it with GET /api/v1/operations/" + op.id());
        }
        Blocking b = blocking.apply(end);
        if (b == null) {
            int status = end.errorCode() == null ? 409 : end.errorCode();
            throw new ApiProblem(status, end.state() == Operation.State.CANCELLED
                    ? "operation " + op.id() + " was " + end.error() : end.error());
        }
        if (b.body() == null) {
            res.status(b.status()).send();
        } else {
            io.send(res, b.status(), b.body());
        }
    }

    StoredOperation awaitEnd(StoredOperation op) {
        try {
            return queue.awaitEnd(op.id(), MAX_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiProblem.unavailable("interrupted while waiting for operation " + op.id());
        }
    }

    static boolean waits(ServerRequest req) {
        String w = req.query().first("wait").orElse("false");
        if (!w.equals("true") && !w.equals("false") && !w.equals("1") && !w.equals("0")) {
            throw ApiProblem.badRequest("wait must be true or false");
        }
        return w.equals("true") || w.equals("1");
    }

    /** The old answer of a route: status and body (null body = no content). null Blocking = answer the error. */
    public record Blocking(int status, Object body) {
    }
}
