package win.pvdify.store;

import static win.pvdify.store.schema.Tables.FORMATION;

import java.util.List;
import win.pvdify.api.FormationEntry;

/** Process type -> count (+ command). */
public final class FormationQueries {
    private final Database db;

    public FormationQueries(Database db) {
        this.db = db;
    }

    public List<FormationEntry> list(String app) {
        return db.read(ctx -> ctx.selectFrom(FORMATION).where(FORMATION.APP.eq(app)).orderBy(FORMATION.TYPE)
                .fetch(r -> new FormationEntry(r.getType(), r.getCount(), r.getCommand())));
    }

    /** Sets the count of a type; command null keeps the type's command (or none). */
    public void upsert(String app, FormationEntry entry) {
        db.write(ctx -> {
            var q = ctx.insertInto(FORMATION)
                    .set(FORMATION.APP, app)
                    .set(FORMATION.TYPE, entry.type())
                    .set(FORMATION.COUNT, entry.count())
                    .set(FORMATION.COMMAND, entry.command())
                    .onConflict(FORMATION.APP, FORMATION.TYPE)
                    .doUpdate()
                    .set(FORMATION.COUNT, entry.count());
            return entry.command() == null ? q.execute() : q.set(FORMATION.COMMAND, entry.command()).execute();
        });
    }

    /** Replaces the app's whole formation (a Procfile applied, or the one before it restored). */
    public void replace(String app, List<FormationEntry> entries) {
        db.write(ctx -> {
            ctx.deleteFrom(FORMATION).where(FORMATION.APP.eq(app)).execute();
            for (FormationEntry e : entries) {
                ctx.insertInto(FORMATION).set(FORMATION.APP, app).set(FORMATION.TYPE, e.type())
                        .set(FORMATION.COUNT, e.count()).set(FORMATION.COMMAND, e.command()).execute();
            }
            return null;
        });
    }
}
