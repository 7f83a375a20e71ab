package win.pvdify.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import win.pvdify.api.Healthcheck;

class HealthchecksTest {
    private static Healthcheck with(String status, String body, String host, Integer delay, Integer deploy) {
        return new Healthcheck(null, null, null, null, status, body, host, delay, deploy);
    }

    @Test
    void effectiveFillsInTheDefaults() {
        assertEquals(new Healthcheck(null, 1, 5, 3, "200-399", null, null, 0, 60).withLiveness(true, 10, 3, true, 300),
                Healthchecks.effective(null));
        Healthcheck set = new Healthcheck("/up", 2, 10, 5, "200", "ok", "www.example.com", 3, 30)
                .withLiveness(false, 5, 2, false, 60);
        assertEquals(set, Healthchecks.effective(set));
        assertEquals(45, Healthchecks.effective(null, 45).deployTimeout());
    }

    @Test
    void livenessAndRollbackSettingsOutOfRangeAreRefused() {
        Healthcheck base = new Healthcheck(null, null, null, null);
        assertNull(Healthchecks.problem(base.withLiveness(true, 1, 1, true, 10)));
        assertNull(Healthchecks.problem(base.withLiveness(false, 3600, 100, false, 86_400)));
        assertEquals("healthcheck.liveness_interval must be between 1 and 3600",
                Healthchecks.problem(base.withLiveness(null, 0, null, null, null)));
        assertEquals("healthcheck.liveness_threshold must be between 1 and 100",
                Healthchecks.problem(base.withLiveness(null, null, 101, null, null)));
        assertEquals("healthcheck.rollback_window must be between 10 and 86400",
                Healthchecks.problem(base.withLiveness(null, null, null, null, 9)));
        assertEquals("healthcheck.liveness_interval must be between 1 and 3600",
                Healthchecks.problem(base.withLiveness(null, Integer.MIN_VALUE, null, null, null)));
    }

    @Test
    void statusRanges() {
        assertEquals(new Healthchecks.StatusRange(200, 399), Healthchecks.statusRange("200-399"));
        assertEquals(new Healthchecks.StatusRange(204, 204), Healthchecks.statusRange("204"));
        assertEquals("200-299", Healthchecks.statusRange("200-299").toString());
        for (String bad : new String[] {"", "2xx", "99", "600", "399-200", "200-", "200 - 299", "-1"}) {
            assertThrows(IllegalArgumentException.class, () -> Healthchecks.statusRange(bad), bad);
        }
    }

    @Test
    void problems() {
        assertNull(Healthchecks.problem(new Healthcheck("/up", 1, 5, 3, "200-299", "ok", "www.example.com:8080", 2, 30)));
        assertNull(Healthchecks.problem(with(null, null, "localhost", 0, null)));
        String[][] cases = {
            {"status", "healthcheck.status must be a status code or a range"},
            {"body", "healthcheck.body must be 1 to 256 characters"},
            {"host", "healthcheck.host must be a hostname"},
        };
        assertTrue(Healthchecks.problem(with("2xx", null, null, null, null)).startsWith(cases[0][1]));
        assertTrue(Healthchecks.problem(with("500-400", null, null, null, null)).contains("from low to high"));
        assertTrue(Healthchecks.problem(with(null, "x".repeat(257), null, null, null)).startsWith(cases[1][1]));
        assertTrue(Healthchecks.problem(with(null, "a\nb", null, null, null)).startsWith(cases[1][1]));
        assertTrue(Healthchecks.problem(with(null, "", null, null, null)).startsWith(cases[1][1]));
        for (String host : new String[] {"a b", "evil.example.com/path", "-x.com", "x.com:99999", "x.com:", "{host}",
            "a".repeat(254)}) {
            assertTrue(Healthchecks.problem(with(null, null, host, null, null)).startsWith(cases[2][1]), host);
        }
        assertEquals("healthcheck.initial_delay must be between 0 and 600",
                Healthchecks.problem(with(null, null, null, 601, null)));
        assertEquals("healthcheck.deploy_timeout must be between 1 and 3600",
                Healthchecks.problem(with(null, null, null, null, 0)));
        assertEquals("healthcheck.initial_delay (30 s) must be shorter than deploy_timeout (10 s)",
                Healthchecks.problem(with(null, null, null, 30, 10)));
        assertEquals("healthcheck.retries must be between 1 and 100",
                Healthchecks.problem(new Healthcheck(null, null, null, 0)));
    }
}
