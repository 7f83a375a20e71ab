package win.pvdify.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminSettingsTest {
    @Test
    void defaults() {
        assertEquals(new AdminSettings("127.0.0.1", 9444, "http://127.0.0.1:9443", Duration.ofMinutes(30)),
                AdminSettings.parse(new String[0], Map.of()));
    }

    @Test
    void environmentThenFlags() {
        Map<String, String> env = Map.of("PVDIFY_ADMIN_PORT", "9500", "PVDIFY_API_URL", "http://10.0.0.1:9443");
        AdminSettings fromEnv = AdminSettings.parse(new String[0], env);
        assertEquals(9500, fromEnv.port());
        assertEquals("http://10.0.0.1:9443", fromEnv.apiUrl());
        AdminSettings flags = AdminSettings.parse(new String[] {"--port=9600", "--api-url", "https://api.example",
                "--session-timeout", "5"}, env);
        assertEquals(9600, flags.port());
        assertEquals("https://api.example", flags.apiUrl());
        assertEquals(Duration.ofMinutes(5), flags.sessionTimeout());
    }

    @Test
    void badInputHasReadableMessages() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> AdminSettings.parse(new String[] {"--port", "abc"}, Map.of())).getMessage().contains("number"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> AdminSettings.parse(new String[] {"--port", "70000"}, Map.of())).getMessage().contains("0..65535"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> AdminSettings.parse(new String[] {"--api-url", "ftp://x"}, Map.of())).getMessage().contains("http"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> AdminSettings.parse(new String[] {"--bogus", "1"}, Map.of())).getMessage().contains("unknown"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> AdminSettings.parse(new String[] {"--port"}, Map.of())).getMessage().contains("missing"));
    }
}
