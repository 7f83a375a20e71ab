package win.pvdify.store;

import static win.pvdify.store.schema.Tables.AUDIT_LOG;
import static win.pvdify.store.schema.Tables.OPERATIONS;

import java.time.Instant;
import java.util.List;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import win.pvdify.api.AuditEntry;

/**
 * The audit log: append and read, nothing else (the table's triggers refuse UPDATE and DELETE). A listing joins
 * each row's operation for its state now, so "who deployed" and "did it work" are one answer.
 */
public final class AuditQueries {
    private final Database db;

    public AuditQueries(Database db) {
        this.db = db;
    }

    public void append(AuditRecord r) {
        db.write(ctx -> ctx.insertInto(AUDIT_LOG)
                .set(AUDIT_LOG.AT, r.at().toEpochMilli())
                .set(AUDIT_LOG.TOKEN_ID, r.tokenId())
                .set(AUDIT_LOG.TOKEN_KIND, r.tokenKind())
                .set(AUDIT_LOG.TOKEN_NAME, r.tokenName())
                .set(AUDIT_LOG.METHOD, r.method())
                .set(AUDIT_LOG.ROUTE, r.route())
                .set(AUDIT_LOG.PATH, r.path())
                .set(AUDIT_LOG.APP, r.app())
                .set(AUDIT_LOG.OPERATION_ID, r.operationId() == null ? null : r.operationId().intValue())
                .set(AUDIT_LOG.DETAIL, r.detail())
                .set(AUDIT_LOG.STATUS, r.status())
                .set(AUDIT_LOG.SOURCE_IP, r.sourceIp())
                .set(AUDIT_LOG.PEER_IP, r.peerIp())
                .set(AUDIT_LOG.REQUEST_ID, r.requestId())
                .execute());
    }

    /** Which rows: of one app (null: all), at or after since (null: any time), older than id before (paging). */
    public record Filter(String app, Instant since, Long before, int limit) {
    }

    /** Matching rows, newest first. */
    public List<AuditEntry> list(Filter f) {
        Condition where = DSL.noCondition();
        if (f.app() != null) {
            where = where.and(AUDIT_LOG.APP.eq(f.app()));
        }
        if (f.since() != null) {
            where = where.and(AUDIT_LOG.AT.ge(f.since().toEpochMilli()));
        }
        if (f.before() != null) {
            where = where.and(AUDIT_LOG.ID.lt(f.before().intValue()));
        }
        Condition c = where;
        return db.read(ctx -> ctx.select(AUDIT_LOG.asterisk(), OPERATIONS.STATE)
                .from(AUDIT_LOG)
                .leftJoin(OPERATIONS).on(OPERATIONS.ID.eq(AUDIT_LOG.OPERATION_ID))
                .where(c)
                .orderBy(AUDIT_LOG.ID.desc())
                .limit(f.limit())
                .fetch(r -> new AuditEntry(r.get(AUDIT_LOG.ID), Instant.ofEpochMilli(r.get(AUDIT_LOG.AT)),
                        r.get(AUDIT_LOG.TOKEN_ID), r.get(AUDIT_LOG.TOKEN_KIND), r.get(AUDIT_LOG.TOKEN_NAME),
                        r.get(AUDIT_LOG.METHOD), r.get(AUDIT_LOG.ROUTE), r.get(AUDIT_LOG.PATH),
                        r.get(AUDIT_LOG.APP), r.get(AUDIT_LOG.OPERATION_ID) == null ? null : r.get(AUDIT_LOG.OPERATION_ID).longValue(), r.get(OPERATIONS.STATE),
                        r.get(AUDIT_LOG.DETAIL), r.get(AUDIT_LOG.STATUS),
                        AuditEntry.Outcome.of(r.get(AUDIT_LOG.STATUS)).wire(), r.get(AUDIT_LOG.SOURCE_IP),
                        r.get(AUDIT_LOG.REQUEST_ID))));
    }
}
