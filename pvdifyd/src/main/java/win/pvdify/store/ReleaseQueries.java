package win.pvdify.store;

import static win.pvdify.store.schema.Tables.RELEASES;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jooq.impl.DSL;
import win.pvdify.api.Release;
import win.pvdify.store.schema.tables.records.ReleasesRecord;

/** Questions about releases: numbered per app, immutable once deployed except for their status. */
public final class ReleaseQueries {
    private final Database db;
    private final Clock clock;

    public ReleaseQueries(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A release as stored, with the version it rolls back to (null for ordinary releases). */
    public record StoredRelease(String app, Release release, Integer rollbackOf) {
    }

    /** Records a new pending release with the next version; returns it. */
    public Release create(String app, String image, int configVersion, String description, String createdBy,
                          Integer rollbackOf, Release.Status status) {
        return db.write(ctx -> {
            Integer max = ctx.select(DSL.max(RELEASES.VERSION)).from(RELEASES).where(RELEASES.APP.eq(app))
                    .fetchOne(0, Integer.class);
            int version = max == null ? 1 : max + 1;
            ctx.insertInto(RELEASES)
                    .set(RELEASES.APP, app)
                    .set(RELEASES.VERSION, version)
                    .set(RELEASES.IMAGE, image)
                    .set(RELEASES.CONFIG_VERSION, configVersion)
                    .set(RELEASES.STATUS, status.wire())
                    .set(RELEASES.DESCRIPTION, description)
                    .set(RELEASES.CREATED_BY, createdBy)
                    .set(RELEASES.ROLLBACK_OF, rollbackOf)
                    .set(RELEASES.CREATED_AT, clock.millis())
                    .execute();
            return find(app, version).orElseThrow().release();
        });
    }

    public Optional<StoredRelease> find(String app, int version) {
        return db.read(ctx -> ctx.selectFrom(RELEASES)
                .where(RELEASES.APP.eq(app).and(RELEASES.VERSION.eq(version)))
                .fetchOptional(ReleaseQueries::toStored));
    }

    /** Newest first, like `heroku releases`. */
    public List<Release> list(String app) {
        return db.read(ctx -> ctx.selectFrom(RELEASES).where(RELEASES.APP.eq(app))
                .orderBy(RELEASES.VERSION.desc()).fetch(r -> toStored(r).release()));
    }

    /** The newest release before `version` that ran (has an image and did not fail): the rollback target. */
    public Optional<Release> previousGood(String app, int version) {
        return db.read(ctx -> ctx.selectFrom(RELEASES)
                .where(RELEASES.APP.eq(app).and(RELEASES.VERSION.lt(version))
                        .and(RELEASES.IMAGE.isNotNull()).and(RELEASES.STATUS.ne(Release.Status.FAILED.wire())))
                .orderBy(RELEASES.VERSION.desc()).limit(1)
                .fetchOptional(r -> toStored(r).release()));
    }

    public List<StoredRelease> inStatus(Release.Status... statuses) {
        List<String> wire = Stream.of(statuses).map(Release.Status::wire).toList();
        return db.read(ctx -> ctx.selectFrom(RELEASES).where(RELEASES.STATUS.in(wire))
                .orderBy(RELEASES.CREATED_AT, RELEASES.APP, RELEASES.VERSION).fetch(ReleaseQueries::toStored));
    }

    public void setStatus(String app, int version, Release.Status status, String failureReason) {
        db.write(ctx -> {
            var update = ctx.update(RELEASES)
                    .set(RELEASES.STATUS, status.wire())
                    .set(RELEASES.FAILURE_REASON, failureReason);
            if (status == Release.Status.CURRENT) {
                update = update.set(RELEASES.BECAME_CURRENT_AT, clock.millis()); // its settling window starts
            }
            return update.where(RELEASES.APP.eq(app).and(RELEASES.VERSION.eq(version))).execute();
        });
    }

    /** When the release last became current (null: never, or before this was recorded). */
    public Optional<Instant> becameCurrentAt(String app, int version) {
        return db.read(ctx -> ctx.select(RELEASES.BECAME_CURRENT_AT).from(RELEASES)
                .where(RELEASES.APP.eq(app).and(RELEASES.VERSION.eq(version)))
                .fetchOptional(RELEASES.BECAME_CURRENT_AT)).filter(java.util.Objects::nonNull).map(Instant::ofEpochMilli);
    }

    /** The app.json read from the release's image (normalized JSON; null = none, or not read). */
    public void setAppJson(String app, int version, String json) {
        db.write(ctx -> ctx.update(RELEASES).set(RELEASES.APP_JSON, json)
                .where(RELEASES.APP.eq(app).and(RELEASES.VERSION.eq(version))).execute());
    }

    public Optional<String> appJson(String app, int version) {
        return db.read(ctx -> ctx.select(RELEASES.APP_JSON).from(RELEASES)
                .where(RELEASES.APP.eq(app).and(RELEASES.VERSION.eq(version))).fetchOptional(RELEASES.APP_JSON));
    }

    public void setDigest(String app, int version, String digest) {
        db.write(ctx -> ctx.update(RELEASES).set(RELEASES.IMAGE_DIGEST, digest)
                .where(RELEASES.APP.eq(app).and(RELEASES.VERSION.eq(version))).execute());
    }

    private static StoredRelease toStored(ReleasesRecord r) {
        return new StoredRelease(r.getApp(), new Release(r.getVersion(), r.getImage(), r.getImageDigest(),
                r.getConfigVersion(), r.getStatus(), r.getDescription(), r.getCreatedBy(), r.getFailureReason(),
                Instant.ofEpochMilli(r.getCreatedAt())), r.getRollbackOf());
    }
}
