package win.pvdify.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One-off runs in the journal: they are containers, not units, so `-p run` filters by container name alone. */
class JournaldOneOffTest {

    @Test
    void theRunTypeIsNotAUnitGlob() {
        assertEquals(List.of("-o", "json", "-n", "50", "SYSLOG_IDENTIFIER=pvdify-shop"),
                JournaldLogSource.args("shop", "run", 50));
        assertTrue(JournaldLogSource.args("shop", "web", 50).contains("pvdify-shop.web.*"));
    }

    @Test
    void aRunsLinesAreItsOwnAsRunN() {
        JournaldLogSource source = new JournaldLogSource(null);
        String line = "{\"CONTAINER_NAME\":\"pvdify-shop.run.3.v7\",\"__REALTIME_TIMESTAMP\":\"1767225600000000\","
                + "\"CONTAINER_ID_FULL\":\"abc123\",\"_SYSTEMD_UNIT\":\"libpod-conmon-abc123.scope\","
                + "\"MESSAGE\":\"migrated\"}";
        LogLine l = source.parse("shop", "run", line).orElseThrow();
        assertEquals("run.3", l.dyno());
        assertEquals("migrated", l.text());
        assertTrue(source.parse("shop", "web", line).isEmpty(), "not a web dyno's line");
        assertTrue(source.parse("shop-2", null, line).isEmpty(), "not another app's line");
        String forged = line.replace("libpod-conmon-abc123.scope", "session-4.scope");
        assertTrue(source.parse("shop", "run", forged).isEmpty(), "a line from outside the run's conmon scope");
    }
}
