package win.pvdify.http;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import win.pvdify.names.AppName;
import win.pvdify.names.Shown;
import win.pvdify.store.AuditQueries;

/**
 * The query of GET /audit, checked: app (an app name), since (an ISO-8601 instant like 2026-01-15T10:30:00Z, or
 * an age like 30m, 12h, 7d), before (an entry id: the next page holds older entries) and limit (1-1000,
 * default 100). Junk is a 400 that says what was wrong.
 */
final class AuditQuery {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final Pattern AGE = Pattern.compile("([0-9]{1,6})([smhdw])");

    private AuditQuery() {
    }

    static AuditQueries.Filter parse(String app, String since, String before, String limit, Instant now) {
        if (app != null && !AppName.isValid(app)) {
            throw ApiProblem.badRequest("app must be an app name, not '" + Shown.of(app) + "'");
        }
        return new AuditQueries.Filter(app, since == null ? null : since(since, now),
                before == null ? null : (long) number("before", before, 1, Integer.MAX_VALUE),
                limit == null ? DEFAULT_LIMIT : number("limit", limit, 1, MAX_LIMIT));
    }

    static Instant since(String s, Instant now) {
        Matcher m = AGE.matcher(s);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration unit = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(1);
                case "m" -> Duration.ofMinutes(1);
                case "h" -> Duration.ofHours(1);
                case "d" -> Duration.ofDays(1);
                default -> Duration.ofDays(7);
            };
            return now.minus(unit.multipliedBy(n));
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("since must be a time like 2026-01-15T10:30:00Z or an age like 30m, 12h, 7d;"
                    + " not '" + Shown.of(s) + "'");
        }
    }

    private static int number(String name, String s, int min, int max) {
        if (!s.matches("[0-9]{1,10}") || Long.parseLong(s) < min || Long.parseLong(s) > max) {
            throw ApiProblem.badRequest(name + " must be a whole number from " + min + " to " + max + ", not '"
                    + Shown.of(s) + "'");
        }
        return Integer.parseInt(s);
    }
}
