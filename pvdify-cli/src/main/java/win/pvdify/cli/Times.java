package win.pvdify.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Heroku-like timestamps: "2026/01/15 10:30:00 +0000 (~ 2h ago)". */
final class Times {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss Z").withZone(ZoneOffset.UTC);

    private Times() {
    }

    static String stamp(Instant t, Clock clock) {
        if (t == null) {
            return "";
        }
        return FORMAT.format(t) + " (" + ago(t, clock) + ")";
    }

    static String ago(Instant t, Clock clock) {
        Duration d = Duration.between(t, clock.instant());
        if (d.isNegative() || d.getSeconds() < 60) {
            return "~ " + Math.max(0, d.getSeconds()) + "s ago";
        }
        if (d.toMinutes() < 60) {
            return "~ " + d.toMinutes() + "m ago";
        }
        if (d.toHours() < 48) {
            return "~ " + d.toHours() + "h ago";
        }
        return "~ " + d.toDays() + "d ago";
    }

    static String duration(Long seconds) {
        if (seconds == null) {
            return "";
        }
        long s = seconds;
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m";
        }
        if (s < 172800) {
            return (s / 3600) + "h";
        }
        return (s / 86400) + "d";
    }
}
