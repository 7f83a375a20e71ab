package win.pvdify.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WebhookUrlTest {
    private static final Set<String> API = Set.of("api.pvdify.example");

    private static String problem(String url) {
        return WebhookUrl.problem(url, 9443, API);
    }

    @Test
    void acceptsHttpAndHttpsReceivers() {
        for (String ok : new String[] {"https://hooks.slack.com/services/T000/B000/XXXX", "http://10.0.0.5:8080/hook",
            "https://example.com", "http://127.0.0.1:47301/in", "HTTPS://Example.com/x?y=1", "http://[::1]:8080/"}) {
            assertNull(problem(ok), ok);
        }
    }

    @Test
    void refusesMalformedHostileAndOwnApiUrls() {
        String[][] bad = {
            {null, "url is required"},
            {"", "url is required"},
            {"ftp://example.com/x", "http:// or https://"},
            {"javascript:alert(1)", "http:// or https://"},
            {"file:///etc/passwd", "http:// or https://"},
            {"gopher://127.0.0.1:6379/_FLUSHALL", "http:// or https://"},
            {"example.com/hook", "http:// or https://"},
            {"http://", "not a valid URL"},
            {"http:///path", "needs a host"},
            {"https://user:pass@example.com/", "credentials"},
            {"https://token@example.com/", "credentials"},
            {"https://example.com/#frag", "fragment"},
            {"https://example.com/a b", "spaces or control"},
            {"https://example.com/\n", "spaces or control"},
            {"https://exa mple.com/", "spaces or control"},
            {"https://example.com/" + "a".repeat(2100), "longer than 2048"},
            {"http://[not-ipv6/", "not a valid URL"},
            {"http://127.0.0.1:9443/api/v1/apps", "own API"},
            {"http://localhost:9443/", "own API"},
            {"http://[::1]:9443/", "own API"},
            {"http://0.0.0.0:9443/", "own API"},
            {"https://api.pvdify.example/api/v1/tokens", "own API"},
            {"https://API.pvdify.example/", "own API"},
        };
        for (String[] c : bad) {
            String p = problem(c[0]);
            assertTrue(p != null && p.contains(c[1]), c[0] + " -> " + p);
        }
    }

    @Test
    void listingsShowOnlySchemeAndAuthority() {
        assertEquals("https://hooks.slack.com/...", WebhookUrl.shown("https://hooks.slack.com/services/T0/B0/SECRET"));
        assertEquals("http://10.0.0.5:8080/...", WebhookUrl.shown("http://10.0.0.5:8080/?token=abc"));
        assertEquals("https://example.com/", WebhookUrl.shown("https://example.com"));
    }

    @Test
    void theSignatureIsHmacSha256OfTimestampDotBody() {
        // expected value computed independently: python3 hmac.new(secret, b"1768473000." + body, sha256)
        assertEquals("t=1768473000,v1=b7dbebb4ace60e8937f440d9804913ad465ed1d2578aed94dbe79b9410114ce8",
                WebhookSignature.header("whsec-test-1234", 1768473000L, "{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
    }
}
