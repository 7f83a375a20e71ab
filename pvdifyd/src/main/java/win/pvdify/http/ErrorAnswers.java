package win.pvdify.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import win.pvdify.api.ApiError;
import win.pvdify.api.ApiJson;
import win.pvdify.store.StoreException;

/** The one mapping from failures to JSON error answers: {"error": "...", "id": "<request id>"}. */
public final class ErrorAnswers {
    private static final Logger LOG = System.getLogger(ErrorAnswers.class.getName());
    private final ApiJson json = new ApiJson();

    public void handle(ServerRequest req, ServerResponse res, Throwable t) {
        int status;
        String message;
        if (t instanceof ApiProblem p) {
            status = p.status();
            message = p.getMessage();
        } else if (t instanceof win.pvdify.ops.Refused r) {
            status = r.status();
            message = r.getMessage();
            if (status == 429) {
                res.header("Retry-After", "10");
            }
        } else if (t instanceof StoreException) {
            LOG.log(Level.ERROR, "store failure on " + req.prologue().uriPath().path(), t);
            status = 503;
            message = "the database is not available: " + t.getMessage();
        } else {
            LOG.log(Level.ERROR, "unexpected failure on " + req.prologue().uriPath().path(), t);
            status = 500;
            message = "internal error";
        }
        send(req, res, status, message);
    }

    public void send(ServerRequest req, ServerResponse res, int status, String message) {
        if (res.isSent()) {
            return;
        }
        String id = req.context().get(RequestId.class).map(RequestId::value).orElse(null);
        try {
            res.status(Status.create(status));
            if (id != null) {
                // Helidon resets headers before an error handler runs: set it again
                res.header("X-Request-Id", id);
            }
            res.header(HeaderNames.CONTENT_TYPE, "application/json");
            res.send(json.write(new ApiError(message, id)));
        } catch (Exception e) {
            LOG.log(Level.WARNING, "could not send an error answer", e);
        }
    }
}
