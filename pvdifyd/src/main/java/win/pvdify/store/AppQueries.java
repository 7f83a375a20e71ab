package win.pvdify.store;

import static win.pvdify.store.schema.Tables.APPS;
import static win.pvdify.store.schema.Tables.DOMAINS;
import static win.pvdify.store.schema.Tables.RELEASES;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import win.pvdify.api.App;
import win.pvdify.api.Healthcheck;
import win.pvdify.api.Resources;
import win.pvdify.api.WireValue;
import win.pvdify.store.schema.tables.records.AppsRecord;

/** Questions about the apps table. */
public final class AppQueries {
    /** Heroku's default: the port an image listens on unless the app says otherwise. */
    public static final int DEFAULT_BIND_PORT = 5000;

    private final Database db;
    private final Clock clock;
    private final ReadCache<Boolean, List<ListedApp>> listed;

    public AppQueries(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.listed = new ReadCache<>(db, 1);
    }

    public Optional<StoredApp> find(String name) {
        return db.read(ctx -> ctx.selectFrom(APPS).where(APPS.NAME.eq(name)).fetchOptional(AppQueries::toApp));
    }

    public List<StoredApp> list() {
        return db.read(ctx -> ctx.selectFrom(APPS).orderBy(APPS.NAME).fetch(AppQueries::toApp));
    }

    /**
     * Every app with its current release's image and its hostnames (default first, then by name), in ONE query:
     * the app list is the most frequent read, and a query per app made it slow at 100 apps. Kept until the next
     * write.
     */
    public List<ListedApp> listWithDetails() {
        return listed.get(true, k -> queryListed());
    }

    private List<ListedApp> queryListed() {
        return db.read(ctx -> {
            Map<String, ListedApp> apps = new LinkedHashMap<>();
            ctx.select(APPS.fields()).select(RELEASES.IMAGE, DOMAINS.HOSTNAME)
                    .from(APPS)
                    .leftJoin(RELEASES).on(RELEASES.APP.eq(APPS.NAME).and(RELEASES.VERSION.eq(APPS.CURRENT_RELEASE)))
                    .leftJoin(DOMAINS).on(DOMAINS.APP.eq(APPS.NAME))
                    .orderBy(APPS.NAME, DOMAINS.KIND, DOMAINS.HOSTNAME)
                    .forEach(row -> {
                        ListedApp listed = apps.computeIfAbsent(row.get(APPS.NAME), n -> new ListedApp(
                                toApp(row.into(APPS)), row.get(RELEASES.IMAGE), new ArrayList<>()));
                        String host = row.get(DOMAINS.HOSTNAME);
                        if (host != null) {
                            listed.hostnames().add(host);
                        }
                    });
            return apps.values().stream()
                    .map(a -> new ListedApp(a.app(), a.image(), List.copyOf(a.hostnames()))).toList();
        });
    }

    /** One row of {@link #listWithDetails()}: image null = nothing deployed. */
    public record ListedApp(StoredApp app, String image, List<String> hostnames) {
    }

    public List<String> namesNotDeleting() {
        return db.read(ctx -> ctx.select(APPS.NAME).from(APPS).where(APPS.STATUS.ne(App.Status.DELETING.wire()))
                .orderBy(APPS.NAME).fetch(APPS.NAME));
    }

    public boolean exists(String name) {
        return db.read(ctx -> ctx.fetchExists(APPS, APPS.NAME.eq(name)));
    }

    public void insert(String name, String environment) {
        long now = clock.millis();
        db.write(ctx -> ctx.insertInto(APPS)
                .set(APPS.NAME, name)
                .set(APPS.ENVIRONMENT, environment)
                .set(APPS.STATUS, App.Status.CREATED.wire())
                .set(APPS.BIND_PORT, DEFAULT_BIND_PORT)
                .set(APPS.READ_ONLY, 0)
                .set(APPS.CREATED_AT, now)
                .set(APPS.UPDATED_AT, now)
                .execute());
    }

    /** Writes the settings a PATCH may change. */
    public void updateSettings(StoredApp app) {
        Resources r = app.resources() == null ? new Resources(null, null) : app.resources();
        Healthcheck h = app.healthcheck() == null ? new Healthcheck(null, null, null, null) : app.healthcheck();
        db.write(ctx -> ctx.update(APPS)
                .set(APPS.ENVIRONMENT, app.environment())
                .set(APPS.BIND_PORT, app.bindPort())
                .set(APPS.MEMORY_MB, r.memoryMb())
                .set(APPS.CPU, r.cpu())
                .set(APPS.HC_PATH, h.path())
                .set(APPS.HC_INTERVAL, h.interval())
                .set(APPS.HC_TIMEOUT, h.timeout())
                .set(APPS.HC_RETRIES, h.retries())
                .set(APPS.HC_STATUS, h.status())
                .set(APPS.HC_BODY, h.body())
                .set(APPS.HC_HOST, h.host())
                .set(APPS.HC_INITIAL_DELAY, h.initialDelay())
                .set(APPS.HC_DEPLOY_TIMEOUT, h.deployTimeout())
                .set(APPS.HC_LIVENESS, flag(h.liveness()))
                .set(APPS.HC_LIVENESS_INTERVAL, h.livenessInterval())
                .set(APPS.HC_LIVENESS_THRESHOLD, h.livenessThreshold())
                .set(APPS.AUTO_ROLLBACK, flag(h.autoRollback()))
                .set(APPS.ROLLBACK_WINDOW, h.rollbackWindow())
                .set(APPS.READ_ONLY, app.readOnly() ? 1 : 0)
                .set(APPS.UPDATED_AT, clock.millis())
                .where(APPS.NAME.eq(app.name()))
                .execute());
    }

    public void setStatus(String name, App.Status status) {
        db.write(ctx -> ctx.update(APPS).set(APPS.STATUS, status.wire()).set(APPS.UPDATED_AT, clock.millis())
                .where(APPS.NAME.eq(name)).execute());
    }

    public void setCurrentRelease(String name, int release) {
        db.write(ctx -> ctx.update(APPS).set(APPS.CURRENT_RELEASE, release).set(APPS.UPDATED_AT, clock.millis())
                .where(APPS.NAME.eq(name)).execute());
    }

    /** Removes the app and (by cascade) everything that belongs to it. */
    public void delete(String name) {
        db.write(ctx -> ctx.deleteFrom(APPS).where(APPS.NAME.eq(name)).execute());
    }

    private static Integer flag(Boolean b) {
        return b == null ? null : b ? 1 : 0;
    }

    private static Boolean flag(Integer i) {
        return i == null ? null : i != 0;
    }

    private static StoredApp toApp(AppsRecord r) {
        Resources resources = r.getMemoryMb() == null && r.getCpu() == null
                ? null : new Resources(r.getMemoryMb(), r.getCpu());
        Healthcheck hc = new Healthcheck(r.getHcPath(), r.getHcInterval(), r.getHcTimeout(), r.getHcRetries(),
                r.getHcStatus(), r.getHcBody(), r.getHcHost(), r.getHcInitialDelay(), r.getHcDeployTimeout(),
                flag(r.getHcLiveness()), r.getHcLivenessInterval(), r.getHcLivenessThreshold(),
                flag(r.getAutoRollback()), r.getRollbackWindow());
        if (hc.equals(new Healthcheck(null, null, null, null))) {
            hc = null;
        }
        return new StoredApp(r.getName(), r.getEnvironment(),
                WireValue.parse(App.Status.class, r.getStatus()), r.getBindPort(), resources, hc,
                r.getReadOnly() != 0, r.getCurrentRelease(), Instant.ofEpochMilli(r.getCreatedAt()),
                Instant.ofEpochMilli(r.getUpdatedAt()));
    }
}
