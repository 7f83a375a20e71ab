package win.pvdify.store;

import static win.pvdify.store.schema.Tables.EVENTS;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Platform log lines of an app (pvdify[api], pvdify[engine]). */
public final class EventQueries {
    private final Database db;
    private final Clock clock;

    public EventQueries(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** One platform line; id orders them. */
    public record Event(long id, String app, Instant at, String source, String message) {
    }

    public void add(String app, String source, String message) {
        Instant now = clock.instant();
        long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        db.write(ctx -> ctx.insertInto(EVENTS)
                .set(EVENTS.APP, app)
                .set(EVENTS.AT, micros)
                .set(EVENTS.SOURCE, source)
                .set(EVENTS.MESSAGE, message)
                .execute());
    }

    /** The last `limit` events, oldest first. */
    public List<Event> last(String app, int limit) {
        List<Event> out = new ArrayList<>(db.read(ctx -> ctx.selectFrom(EVENTS).where(EVENTS.APP.eq(app))
                .orderBy(EVENTS.ID.desc()).limit(limit)
                .fetch(r -> new Event(r.getId(), r.getApp(), micros(r.getAt()), r.getSource(), r.getMessage()))));
        Collections.reverse(out);
        return out;
    }

    /** Events after the given id, oldest first. */
    public List<Event> after(String app, long id) {
        return db.read(ctx -> ctx.selectFrom(EVENTS).where(EVENTS.APP.eq(app).and(EVENTS.ID.gt((int) id)))
                .orderBy(EVENTS.ID).limit(1000)
                .fetch(r -> new Event(r.getId(), r.getApp(), micros(r.getAt()), r.getSource(), r.getMessage())));
    }

    private static Instant micros(long m) {
        return Instant.ofEpochSecond(m / 1_000_000L, (m % 1_000_000L) * 1_000);
    }
}
