package win.pvdify.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HerokuLogFormatTest {

    @Test
    void formatsAppLines() {
        var line = LogLine.app(Instant.parse("2026-01-15T10:30:00Z"), "web.1", "GET / 200");
        assertEquals("2026-01-15T10:30:00.000000+00:00 app[web.1]: GET / 200", HerokuLogFormat.format(line));
    }

    @Test
    void keepsMicrosecondsAndFlattensLineBreaks() {
        var line = LogLine.platform(Instant.parse("2026-01-15T10:30:00.123456789Z"), "api", "a\nb\r\n");
        assertEquals("2026-01-15T10:30:00.123456+00:00 pvdify[api]: a b", HerokuLogFormat.format(line));
    }
}
