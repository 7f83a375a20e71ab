package win.pvdify.http;

import io.helidon.webserver.http.ServerRequest;

/**
 * What a handler adds to its request's audit row beyond the route: the app when the path does not name it
 * (POST /apps), the operation it started, and what it did in words. Never a secret value.
 */
public record AuditNote(String app, Long operationId, String detail) {

    public static void note(ServerRequest req, String app, Long operationId, String detail) {
        req.context().register(new AuditNote(app, operationId, detail));
    }
}
