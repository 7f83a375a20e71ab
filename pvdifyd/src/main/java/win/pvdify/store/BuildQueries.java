package win.pvdify.store;

import static win.pvdify.store.schema.Tables.BUILDS;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import win.pvdify.api.Build;
import win.pvdify.api.WireValue;
import win.pvdify.store.schema.tables.records.BuildsRecord;

/** Builds from source: a row each, numbered per app. */
public final class BuildQueries {
    private final Database db;
    private final Clock clock;

    public BuildQueries(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Records a new pending build with the app's next number. */
    public StoredBuild insert(String app, Build.Source source, String sourceVersion, String createdBy) {
        return db.write(ctx -> {
            Integer last = ctx.select(org.jooq.impl.DSL.max(BUILDS.NUMBER)).from(BUILDS).where(BUILDS.APP.eq(app))
                    .fetchOne().value1();
            int number = last == null ? 1 : last + 1;
            long now = clock.millis();
            ctx.insertInto(BUILDS)
                    .set(BUILDS.APP, app)
                    .set(BUILDS.NUMBER, number)
                    .set(BUILDS.STATUS, Build.Status.PENDING.wire())
                    .set(BUILDS.SOURCE, source.wire())
                    .set(BUILDS.SOURCE_VERSION, sourceVersion)
                    .set(BUILDS.CREATED_BY, createdBy)
                    .set(BUILDS.CREATED_AT, now)
                    .set(BUILDS.UPDATED_AT, now)
                    .execute();
            return ctx.selectFrom(BUILDS).where(BUILDS.APP.eq(app)).and(BUILDS.NUMBER.eq(number))
                    .fetchOne(BuildQueries::toBuild);
        });
    }

    public Optional<StoredBuild> find(String app, int number) {
        return db.read(ctx -> ctx.selectFrom(BUILDS).where(BUILDS.APP.eq(app)).and(BUILDS.NUMBER.eq(number))
                .fetchOptional(BuildQueries::toBuild));
    }

    /** The app's builds, newest first. */
    public List<StoredBuild> list(String app, int limit) {
        return db.read(ctx -> ctx.selectFrom(BUILDS).where(BUILDS.APP.eq(app)).orderBy(BUILDS.NUMBER.desc())
                .limit(limit).fetch(BuildQueries::toBuild));
    }

    /** Builds that have not ended, of every app (a restart settles them). */
    public List<StoredBuild> pending() {
        return db.read(ctx -> ctx.selectFrom(BUILDS).where(BUILDS.STATUS.eq(Build.Status.PENDING.wire()))
                .orderBy(BUILDS.APP, BUILDS.NUMBER).fetch(BuildQueries::toBuild));
    }

    public void setOperation(String app, int number, long operation) {
        db.write(ctx -> ctx.update(BUILDS).set(BUILDS.OPERATION, Math.toIntExact(operation)).set(BUILDS.UPDATED_AT, clock.millis())
                .where(BUILDS.APP.eq(app)).and(BUILDS.NUMBER.eq(number)).execute());
    }

    /** Records how it is built and the image tag it is built as. */
    public void setBuilder(String app, int number, String builder, String image) {
        db.write(ctx -> ctx.update(BUILDS).set(BUILDS.BUILDER, builder).set(BUILDS.IMAGE, image)
                .set(BUILDS.UPDATED_AT, clock.millis())
                .where(BUILDS.APP.eq(app)).and(BUILDS.NUMBER.eq(number)).execute());
    }

    public void setRelease(String app, int number, int release) {
        db.write(ctx -> ctx.update(BUILDS).set(BUILDS.RELEASE, release).set(BUILDS.UPDATED_AT, clock.millis())
                .where(BUILDS.APP.eq(app)).and(BUILDS.NUMBER.eq(number)).execute());
    }

    /** Ends a pending build; false when it had already ended (the first end wins). */
    public boolean end(String app, int number, Build.Status status, String error) {
        if (!status.ended()) {
            throw new IllegalArgumentException("not an end status: " + status);
        }
        return db.write(ctx -> ctx.update(BUILDS)
                .set(BUILDS.STATUS, status.wire())
                .set(BUILDS.ERROR, error)
                .set(BUILDS.UPDATED_AT, clock.millis())
                .where(BUILDS.APP.eq(app)).and(BUILDS.NUMBER.eq(number))
                .and(BUILDS.STATUS.eq(Build.Status.PENDING.wire()))
                .execute()) == 1;
    }

    private static StoredBuild toBuild(BuildsRecord r) {
        return new StoredBuild(r.getApp(), r.getNumber(), WireValue.parse(Build.Status.class, r.getStatus()),
                WireValue.parse(Build.Source.class, r.getSource()), r.getSourceVersion(), r.getBuilder(), r.getImage(),
                r.getRelease(), r.getOperation() == null ? null : r.getOperation().longValue(), r.getError(),
                r.getCreatedBy(), Instant.ofEpochMilli(r.getCreatedAt()), Instant.ofEpochMilli(r.getUpdatedAt()));
    }
}
