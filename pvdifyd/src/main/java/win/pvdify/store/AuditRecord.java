package win.pvdify.store;

import java.time.Instant;

/**
 * One row to append to the audit log (see V11__audit_log.sql for what each field holds). Built by the HTTP
 * layer from the caller, the matched route and the answer; never from a request body.
 */
public record AuditRecord(
        Instant at,
        String tokenId,
        String tokenKind,
        String tokenName,
        String method,
        String route,
        String path,
        String app,
        Long operationId,
        String detail,
        int status,
        String sourceIp,
        String peerIp,
        String requestId) {
}
