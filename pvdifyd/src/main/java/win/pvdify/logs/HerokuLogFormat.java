package win.pvdify.logs;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** `2026-01-15T10:30:00.000000+00:00 app[web.1]: text`, one line per entry (line breaks become spaces). Pure. */
public final class HerokuLogFormat {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

    private HerokuLogFormat() {
    }

    public static String format(LogLine line) {
        String text = line.text();
        while (text.endsWith("\n") || text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        text = text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
        return TIME.format(line.at()) + " " + line.source() + "[" + line.dyno() + "]: " + text;
    }
}
