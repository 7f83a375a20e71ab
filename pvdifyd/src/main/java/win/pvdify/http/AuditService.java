package win.pvdify.http;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import win.pvdify.auth.Access.Action;
import win.pvdify.store.AuditQueries;

/** GET /audit (admins only): the audit log, newest first, filtered by app and time, paged by id. */
public final class AuditService implements Routes.Resource {
    private final AuditQueries audit;
    private final AuditTrail trail;
    private final JsonIo io;
    private final ErrorAnswers errors;
    private final Clock clock;

    public AuditService(AuditQueries audit, AuditTrail trail, JsonIo io, ErrorAnswers errors, Clock clock) {
        this.audit = audit;
        this.trail = trail;
        this.io = io;
        this.errors = errors;
        this.clock = clock;
    }

    @Override
    public ErrorAnswers errors() {
        return errors;
    }

    @Override
    public void routes(Routes r) {
        r.get("/audit", this::list);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Guard.allow(req, Action.ADMIN, null);
        var q = req.query();
        trail.settle(java.time.Duration.ofSeconds(1));
        io.send(res, audit.list(AuditQuery.parse(q.first("app").orElse(null), q.first("since").orElse(null),
                q.first("before").orElse(null), q.first("limit").orElse(null), clock.instant())));
    }
}
