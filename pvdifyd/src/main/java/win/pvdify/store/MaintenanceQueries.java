package win.pvdify.store;

import static win.pvdify.store.schema.Tables.MAINTENANCE;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Which apps are in maintenance mode (a row each), with their message and Retry-After. */
public final class MaintenanceQueries {
    private final Database db;
    private final Clock clock;

    public MaintenanceQueries(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** An app in maintenance mode: message and retryAfter null = not set. */
    public record StoredMaintenance(String app, String message, Integer retryAfter, String changedBy,
                                    Instant changedAt) {
    }

    public Optional<StoredMaintenance> find(String app) {
        return db.read(ctx -> ctx.selectFrom(MAINTENANCE).where(MAINTENANCE.APP.eq(app))
                .fetchOptional(r -> new StoredMaintenance(r.getApp(), r.getMessage(), r.getRetryAfter(),
                        r.getChangedBy(), Instant.ofEpochMilli(r.getChangedAt()))));
    }

    /** Turns maintenance mode on (or changes its page). */
    public void turnOn(String app, String message, Integer retryAfter, String by) {
        db.write(ctx -> ctx.insertInto(MAINTENANCE)
                .set(MAINTENANCE.APP, app)
                .set(MAINTENANCE.MESSAGE, message)
                .set(MAINTENANCE.RETRY_AFTER, retryAfter)
                .set(MAINTENANCE.CHANGED_BY, by)
                .set(MAINTENANCE.CHANGED_AT, clock.millis())
                .onConflict(MAINTENANCE.APP).doUpdate()
                .set(MAINTENANCE.MESSAGE, message)
                .set(MAINTENANCE.RETRY_AFTER, retryAfter)
                .set(MAINTENANCE.CHANGED_BY, by)
                .set(MAINTENANCE.CHANGED_AT, clock.millis())
                .execute());
    }

    /** Turns maintenance mode off; true when it was on. */
    public boolean turnOff(String app) {
        return db.write(ctx -> ctx.deleteFrom(MAINTENANCE).where(MAINTENANCE.APP.eq(app)).execute()) > 0;
    }
}
