package win.pvdify.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import win.pvdify.api.ByteSize;
import win.pvdify.api.Dyno;
import win.pvdify.api.FormationEntry;

/** Pure formatting of API values for the dashboard. */
public final class Display {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Display() {
    }

    /** "45s", "12m 3s", "3h 4m", "2d 5h"; "-" when unknown. */
    public static String uptime(Long seconds) {
        if (seconds == null || seconds < 0) {
            return "-";
        }
        long s = seconds;
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m " + (s % 60) + "s";
        }
        if (s < 86400) {
            return (s / 3600) + "h " + (s % 3600 / 60) + "m";
        }
        return (s / 86400) + "d " + (s % 86400 / 3600) + "h";
    }

    /** "4.2% CPU · 38 MiB" for a running dyno; null when nothing was sampled. */
    public static String usage(Double cpuPercent, Long memoryBytes) {
        if (cpuPercent == null && memoryBytes == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        if (cpuPercent != null) {
            out.append(String.format(java.util.Locale.ROOT, "%.1f%% CPU", cpuPercent));
        }
        if (memoryBytes != null) {
            if (!out.isEmpty()) {
                out.append(" \u00b7 ");
            }
            out.append(ByteSize.human(memoryBytes));
        }
        return out.toString();
    }

    public static String time(Instant instant) {
        return instant == null ? "-" : TIME.format(instant);
    }

    /** "just now", "5 minutes ago", "3 days ago" relative to now. */
    public static String ago(Instant instant, Instant now) {
        if (instant == null) {
            return "-";
        }
        long s = Math.max(0, Duration.between(instant, now).toSeconds());
        if (s < 60) {
            return "just now";
        }
        if (s < 3600) {
            return plural(s / 60, "minute") + " ago";
        }
        if (s < 86400) {
            return plural(s / 3600, "hour") + " ago";
        }
        return plural(s / 86400, "day") + " ago";
    }

    /** A masked secret: a fixed number of dots, so the length of the value is not shown either. */
    public static String masked(String value) {
        return value == null || value.isEmpty() ? "(empty)" : "••••••••";
    }

    public static String release(Integer version) {
        return version == null || version == 0 ? "no release" : "v" + version;
    }

    /** "web 2/3 up, worker 1/1 up" from desired formation and observed dynos; "no dynos" when nothing is wanted. */
    public static String dynoCounts(List<FormationEntry> formation, List<Dyno> dynos) {
        Map<String, int[]> byType = new TreeMap<>(
                Comparator.comparing((String type) -> !type.equals("web")).thenComparing(Comparator.naturalOrder()));
        for (FormationEntry f : formation == null ? List.<FormationEntry>of() : formation) {
            byType.computeIfAbsent(f.type(), t -> new int[2])[1] = f.count();
        }
        for (Dyno d : dynos == null ? List.<Dyno>of() : dynos) {
            int[] c = byType.computeIfAbsent(d.type(), t -> new int[2]);
            if (Dyno.State.UP.is(d.state())) {
                c[0]++;
            }
        }
        StringBuilder out = new StringBuilder();
        byType.forEach((type, c) -> {
            if (c[1] == 0 && c[0] == 0) {
                return;
            }
            if (!out.isEmpty()) {
                out.append(", ");
            }
            out.append(type).append(' ').append(c[0]).append('/').append(c[1]).append(" up");
        });
        return out.isEmpty() ? "no dynos" : out.toString();
    }

    /** The CSS modifier for a status badge: good, warn, bad or neutral. */
    public static String tone(String state) {
        if (state == null) {
            return "neutral";
        }
        return switch (state) {
            case "ok", "up", "running", "current", "succeeded" -> "good";
            case "starting", "restarting", "deploying", "pending", "degraded", "created", "deleting", "queued" -> "warn";
            case "crashed", "failed", "down", "cancelled" -> "bad";
            default -> "neutral";
        };
    }

    /** "not_configured" -> "not configured". */
    public static String words(String state) {
        return state == null ? "unknown" : state.replace('_', ' ');
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
