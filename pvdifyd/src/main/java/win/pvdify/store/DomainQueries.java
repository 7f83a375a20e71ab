package win.pvdify.store;

import static win.pvdify.store.schema.Tables.DOMAINS;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import win.pvdify.api.Domain;
import win.pvdify.store.schema.tables.records.DomainsRecord;

/** Hostnames routed to apps (unique across every app). */
public final class DomainQueries {
    private final Database db;
    private final Clock clock;

    public DomainQueries(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A domain with the app it belongs to. */
    public record StoredDomain(String app, Domain domain) {
    }

    public List<Domain> list(String app) {
        return db.read(ctx -> ctx.selectFrom(DOMAINS).where(DOMAINS.APP.eq(app))
                .orderBy(DOMAINS.KIND, DOMAINS.HOSTNAME).fetch(r -> toStored(r).domain()));
    }

    public Optional<StoredDomain> find(String hostname) {
        return db.read(ctx -> ctx.selectFrom(DOMAINS).where(DOMAINS.HOSTNAME.eq(hostname))
                .fetchOptional(DomainQueries::toStored));
    }

    public void insert(String app, String hostname, Domain.Kind kind, Boolean proxied) {
        db.write(ctx -> ctx.insertInto(DOMAINS)
                .set(DOMAINS.HOSTNAME, hostname)
                .set(DOMAINS.APP, app)
                .set(DOMAINS.KIND, kind.wire())
                .set(DOMAINS.PROXIED, proxied == null ? null : proxied ? 1 : 0)
                .set(DOMAINS.CREATED_AT, clock.millis())
                .execute());
    }

    public void setDnsRecord(String hostname, String recordId) {
        db.write(ctx -> ctx.update(DOMAINS).set(DOMAINS.DNS_RECORD_ID, recordId)
                .where(DOMAINS.HOSTNAME.eq(hostname)).execute());
    }

    public void delete(String hostname) {
        db.write(ctx -> ctx.deleteFrom(DOMAINS).where(DOMAINS.HOSTNAME.eq(hostname)).execute());
    }

    private static StoredDomain toStored(DomainsRecord r) {
        return new StoredDomain(r.getApp(), new Domain(r.getHostname(), r.getKind(), r.getDnsRecordId(),
                r.getProxied() == null ? null : r.getProxied() != 0, Instant.ofEpochMilli(r.getCreatedAt())));
    }
}
