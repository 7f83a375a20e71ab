package win.pvdify.store;

import static win.pvdify.store.schema.Tables.ADDON_BACKUPS;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Backups of add-ons (addon_backups): one row per capture, newest first. */
public final class BackupQueries {
    private final Database db;
    private final Clock clock;

    /** A backup as recorded; bytes: the encrypted file's size once it succeeded. */
    public record Backup(long id, String addon, String state, Long bytes, String error, Instant createdAt,
                         Instant endedAt) {
    }

    public BackupQueries(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public long start(String addon) {
        return db.write(ctx -> ctx.insertInto(ADDON_BACKUPS)
                .set(ADDON_BACKUPS.ADDON, addon)
                .set(ADDON_BACKUPS.STATE, "running")
                .set(ADDON_BACKUPS.CREATED_AT, clock.millis())
                .returning(ADDON_BACKUPS.ID).fetchOne().getId().longValue());
    }

    public void end(long id, String state, Long bytes, String error) {
        db.write(ctx -> ctx.update(ADDON_BACKUPS)
                .set(ADDON_BACKUPS.STATE, state)
                .set(ADDON_BACKUPS.BYTES, bytes)
                .set(ADDON_BACKUPS.ERROR, error)
                .set(ADDON_BACKUPS.ENDED_AT, clock.millis())
                .where(ADDON_BACKUPS.ID.eq((int) id)).execute());
    }

    public List<Backup> list(String addon) {
        return db.read(ctx -> ctx.selectFrom(ADDON_BACKUPS).where(ADDON_BACKUPS.ADDON.eq(addon))
                .orderBy(ADDON_BACKUPS.ID.desc())
                .fetch(r -> new Backup(r.getId(), r.getAddon(), r.getState(), r.getBytes(), r.getError(),
                        Instant.ofEpochMilli(r.getCreatedAt()),
                        r.getEndedAt() == null ? null : Instant.ofEpochMilli(r.getEndedAt()))));
    }

    public Optional<Backup> find(String addon, long id) {
        return list(addon).stream().filter(b -> b.id() == id).findFirst();
    }
}
