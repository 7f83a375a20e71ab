package win.pvdify.store;

import static win.pvdify.store.schema.Tables.CONFIG_VALUES;
import static win.pvdify.store.schema.Tables.CONFIG_VERSIONS;

import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.impl.DSL;
import win.pvdify.secrets.SecretBox;

/**
 * Versioned config vars. Every change writes a full new snapshot; values are stored only as AEAD ciphertext
 * bound to app + key, and decrypted in memory when asked.
 */
public final class ConfigQueries {
    private final Database db;
    private final Clock clock;
    private final SecretBox box;

    public ConfigQueries(Database db, Clock clock, SecretBox box) {
        this.db = db;
        this.clock = clock;
        this.box = box;
    }

    /** The newest config version of the app (0 = the empty one every app starts with). */
    public int latestVersion(String app) {
        return db.read(ctx -> {
            Integer v = ctx.select(DSL.max(CONFIG_VERSIONS.VERSION)).from(CONFIG_VERSIONS)
                    .where(CONFIG_VERSIONS.APP.eq(app)).fetchOne(0, Integer.class);
            return v == null ? 0 : v;
        });
    }

    /** Creates the app's empty version 0. */
    public void createInitial(String app) {
        db.write(ctx -> ctx.insertInto(CONFIG_VERSIONS).set(CONFIG_VERSIONS.APP, app).set(CONFIG_VERSIONS.VERSION, 0)
                .set(CONFIG_VERSIONS.CREATED_AT, clock.millis()).execute());
    }

    /** The decrypted vars of one version, sorted by key. */
    public Map<String, String> vars(String app, int version) {
        return db.read(ctx -> {
            Map<String, String> out = new TreeMap<>();
            ctx.selectFrom(CONFIG_VALUES)
                    .where(CONFIG_VALUES.APP.eq(app).and(CONFIG_VALUES.VERSION.eq(version)))
                    .forEach(r -> out.put(r.getKey(), box.decrypt(r.getValue(), app, r.getKey())));
            return out;
        });
    }

    /**
     * The version to run: base itself when its vars already hold every overlay value, else a new version = base's
     * vars with the overlay (a rollback keeps the app's add-on URLs: add-ons are not part of releases).
     */
    public int withVars(String app, int base, Map<String, String> overlay) {
        return db.write(ctx -> {
            Map<String, String> next = new TreeMap<>(vars(app, base));
            if (next.entrySet().containsAll(overlay.entrySet())) {
                return base;
            }
            next.putAll(overlay);
            int version = latestVersion(app) + 1;
            ctx.insertInto(CONFIG_VERSIONS).set(CONFIG_VERSIONS.APP, app).set(CONFIG_VERSIONS.VERSION, version)
                    .set(CONFIG_VERSIONS.CREATED_AT, clock.millis()).execute();
            next.forEach((k, v) -> ctx.insertInto(CONFIG_VALUES)
                    .set(CONFIG_VALUES.APP, app)
                    .set(CONFIG_VALUES.VERSION, version)
                    .set(CONFIG_VALUES.KEY, k)
                    .set(CONFIG_VALUES.VALUE, box.encrypt(v, app, k))
                    .execute());
            return version;
        });
    }

    /**
     * Writes a new version = the latest with `changes` applied (null value = unset). Returns the new version,
     * or the latest one unchanged when the changes change nothing (then no new version is made).
     */
    public Change apply(String app, Map<String, String> changes) {
        return db.write(ctx -> {
            int latest = latestVersion(app);
            Map<String, String> current = vars(app, latest);
            Map<String, String> next = new TreeMap<>(current);
            changes.forEach((k, v) -> {
                if (v == null) {
                    next.remove(k);
                } else {
                    next.put(k, v);
                }
            });
            if (next.equals(current)) {
                return new Change(latest, current, false);
            }
            int version = latest + 1;
            ctx.insertInto(CONFIG_VERSIONS).set(CONFIG_VERSIONS.APP, app).set(CONFIG_VERSIONS.VERSION, version)
                    .set(CONFIG_VERSIONS.CREATED_AT, clock.millis()).execute();
            next.forEach((k, v) -> ctx.insertInto(CONFIG_VALUES)
                    .set(CONFIG_VALUES.APP, app)
                    .set(CONFIG_VALUES.VERSION, version)
                    .set(CONFIG_VALUES.KEY, k)
                    .set(CONFIG_VALUES.VALUE, box.encrypt(v, app, k))
                    .execute());
            return new Change(version, next, true);
        });
    }

    /** The outcome of apply: the version now in force and its vars. */
    public record Change(int version, Map<String, String> vars, boolean changed) {
    }
}
