package win.pvdify.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import win.pvdify.api.Dyno;
import win.pvdify.api.FormationEntry;

class DisplayTest {
    private static Dyno dyno(String type, int n, String state) {
        return new Dyno(type + "." + n, type, n, 1, state, null, null, null, 0, null, null);
    }

    @Test
    void usageShowsWhatWasSampled() {
        assertEquals(null, Display.usage(null, null));
        assertEquals("4.2% CPU \u00b7 38 MiB", Display.usage(4.24, 38L * 1024 * 1024 + 5));
        assertEquals("0.0% CPU", Display.usage(0.0, null));
        assertEquals("1.0 MiB", Display.usage(null, 1L << 20));
        assertEquals("0.4% CPU \u00b7 600 KiB", Display.usage(0.4, 600L * 1024));
    }

    @Test
    void uptimeIsShortAndReadable() {
        assertEquals("-", Display.uptime(null));
        assertEquals("45s", Display.uptime(45L));
        assertEquals("12m 3s", Display.uptime(723L));
        assertEquals("3h 4m", Display.uptime(3 * 3600L + 4 * 60 + 9));
        assertEquals("2d 5h", Display.uptime(2 * 86400L + 5 * 3600 + 59));
    }

    @Test
    void dynoCountsPutWebFirstAndCountOnlyUpDynos() {
        List<FormationEntry> formation = List.of(new FormationEntry("worker", 1, null),
                new FormationEntry("web", 3, null));
        List<Dyno> dynos = List.of(dyno("web", 1, "up"), dyno("web", 2, "up"), dyno("web", 3, "crashed"),
                dyno("worker", 1, "starting"));
        assertEquals("web 2/3 up, worker 0/1 up", Display.dynoCounts(formation, dynos));
        assertEquals("no dynos", Display.dynoCounts(List.of(new FormationEntry("web", 0, null)), List.of()));
        assertEquals("no dynos", Display.dynoCounts(null, null));
    }

    @Test
    void dynosOfATypeThatIsNoLongerWantedStillShow() {
        assertEquals("worker 1/0 up",
                Display.dynoCounts(List.of(new FormationEntry("web", 0, null)), List.of(dyno("worker", 1, "up"))));
    }

    @Test
    void maskingHidesTheLengthToo() {
        assertEquals(Display.masked("a"), Display.masked("a much longer secret value"));
        assertEquals("(empty)", Display.masked(""));
    }

    @Test
    void agoAndTimes() {
        Instant now = Instant.parse("2026-01-15T10:30:00Z");
        assertEquals("just now", Display.ago(now.minusSeconds(5), now));
        assertEquals("1 minute ago", Display.ago(now.minusSeconds(61), now));
        assertEquals("5 hours ago", Display.ago(now.minusSeconds(5 * 3600), now));
        assertEquals("2 days ago", Display.ago(now.minusSeconds(2 * 86400), now));
        assertEquals("2026-01-15 10:30 UTC", Display.time(now));
        assertEquals("-", Display.time(null));
    }

    @Test
    void tonesAndWords() {
        assertEquals("good", Display.tone("up"));
        assertEquals("bad", Display.tone("crashed"));
        assertEquals("warn", Display.tone("starting"));
        assertEquals("neutral", Display.tone("rolled_back"));
        assertEquals("not configured", Display.words("not_configured"));
        assertEquals("v3", Display.release(3));
        assertEquals("no release", Display.release(null));
    }
}
