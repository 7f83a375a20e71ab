package win.pvdify.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import win.pvdify.store.EventQueries.Event;

/** Heroku's log line format: `2026-01-15T10:30:00.000000+00:00 pvdify[api]: Release v3 created by admin`. */
public final class LogLines {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);
    private static final int STAMP = "2026-01-15T10:30:00.000000+00:00".length();

    private LogLines() {
    }

    public static String format(Instant at, String source, String message) {
        return TIME.format(at) + " " + source + ": " + message.replace('\n', ' ').replace('\r', ' ');
    }

    public static String format(Event e) {
        return format(e.at(), "pvdify[" + e.source() + "]", e.message());
    }

    /** Both lists oldest first; the last `limit` lines of their merge by timestamp (stable). */
    public static List<String> merge(List<String> a, List<String> b, int limit) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        all.sort(Comparator.comparing(l -> l.length() >= STAMP ? l.substring(0, STAMP) : l));
        return all.size() <= limit ? all : all.subList(all.size() - limit, all.size());
    }
}
