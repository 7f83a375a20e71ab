package win.pvdify.routing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class TlsAskTest {
    private final TlsAsk ask = new TlsAsk(Set.of("my-app.paas.test", "www.example.org")::contains);

    @Test
    void allowsOnlyRoutedHosts() {
        assertTrue(ask.allowed("my-app.paas.test"));
        assertTrue(ask.allowed("WWW.Example.org."));
        assertFalse(ask.allowed("other.paas.test"));
    }

    @Test
    void refusesMalformedNamesWithoutAskingTheStore() {
        TlsAsk strict = new TlsAsk(host -> {
            throw new AssertionError("lookup must not see " + host);
        });
        for (String bad : new String[] {null, "", "localhost", "*.paas.test", "a b.test", "x.test/..", "-x.test",
                "x".repeat(64) + ".test"}) {
            assertFalse(strict.allowed(bad), "" + bad);
        }
    }
}
