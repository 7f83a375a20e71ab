package win.pvdify.api;

import io.avaje.jsonb.Json;
import java.time.Instant;

/**
 * One mutating API call as the audit log keeps it (GET /api/v1/audit, admins only). Never a request body: no
 * config value, password or token secret is ever in it.
 *
 * <ul>
 * <li>token_id, token_kind, token_name: who (the token's id, kind and description, never its secret)</li>
 * <li>method, route, path: what (route is the matched pattern, e.g. /apps/{name}/config/{key}; null when no
 * route matched)</li>
 * <li>app: the app it was about; operation_id and operation_state: the operation it started and where that is
 * now; detail: what it did in words ("Set FOO", "Deploy nginx:1.27")</li>
 * <li>status and outcome: the HTTP status and what it means (ok, refused, failed)</li>
 * <li>source_ip: the client (as the local proxy forwards it); request_id: the X-Request-Id of the answer</li>
 * </ul>
 */
@Json(naming = Json.Naming.LowerUnderscore)
public record AuditEntry(
        long id,
        Instant at,
        String tokenId,
        String tokenKind,
        String tokenName,
        String method,
        String route,
        String path,
        String app,
        Long operationId,
        String operationState,
        String detail,
        int status,
        String outcome,
        String sourceIp,
        String requestId) {

    /** What an HTTP status means for the call: done (2xx, 3xx), refused by the API (4xx), failed (5xx). */
    public enum Outcome implements WireValue {
        OK, REFUSED, FAILED;

        public static Outcome of(int status) {
            return status >= 500 ? FAILED : status >= 400 ? REFUSED : OK;
        }
    }
}
