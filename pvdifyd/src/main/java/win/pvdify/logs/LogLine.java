package win.pvdify.logs;

import java.time.Instant;

/** One log line: source "app" (a dyno's output, dyno = "web.1") or "pvdify" (platform, dyno = "api"). */
public record LogLine(Instant at, String source, String dyno, String text) {

    public static LogLine app(Instant at, String dyno, String text) {
        return new LogLine(at, "app", dyno, text);
    }

    public static LogLine platform(Instant at, String component, String text) {
        return new LogLine(at, "pvdify", component, text);
    }
}
