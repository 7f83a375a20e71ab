package win.pvdify.admin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import win.pvdify.fakes.CaddyProcess;

/**
 * Issue 17, item 6: the packaged dashboard behind the real Caddy of Caddyfile.example (HTTPS from Caddy's
 * internal CA, as on a host with a real base domain). Every answer forbids framing (app hosts are same-site with
 * admin.<base-domain>); over HTTPS it adds HSTS and the session cookie is __Host-JSESSIONID, Secure, host-only,
 * and a plain JSESSIONID planted by a sibling host names no session. Plain HTTP straight to the dashboard keeps
 * a cookie the browser will store there. Requests go through curl (--resolve, -k for the internal CA).
 */
class DashboardHeadersIT {
    private static final int HTTPS = 19750;
    private static final int CADDY_ADMIN = 19751;
    private static final String BASE = "paas.test";
    private static JarProcess admin;
    private static CaddyProcess caddy;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        Path work = Path.of("target", "it-work", "headers").toAbsolutePath();
        Files.createDirectories(work);
        port = JarProcess.freePort();
        // no backend: the sign-in page and its session need none
        admin = JarProcess.start(Path.of(System.getProperty("pvdify.admin.jar", "target/pvdify-admin.jar")),
                List.of("--port", Integer.toString(port), "--api-url", "http://127.0.0.1:9"), Map.of(),
                work.resolve("pvdify-admin.log"));
        admin.awaitHttp("http://127.0.0.1:" + port + "/login", Duration.ofSeconds(90));
        caddy = new CaddyProcess(CaddyProcess.Options.of(work.resolve("caddy"), HTTPS, CADDY_ADMIN, BASE)
                .withUpstreams(null, "127.0.0.1:" + port)
                .withOnDemandTls("http://127.0.0.1:9/tls/ask")).start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (caddy != null) {
            caddy.close();
        }
        if (admin != null) {
            admin.close();
        }
    }

    @Test
    void throughCaddysHttpsTheDashboardCannotBeFramedAndItsCookieIsHostOnlyAndSecure() throws Exception {
        Answer a = viaCaddy(null);
        assertEquals(200, a.status, a.toString());
        assertEquals("DENY", a.header("x-frame-options"), a.toString());
        assertEquals("frame-ancestors 'none'", a.header("content-security-policy"), a.toString());
        assertEquals("max-age=31536000", a.header("strict-transport-security"), a.toString());
        assertEquals("nosniff", a.header("x-content-type-options"), a.toString());
        String cookie = a.header("set-cookie");
        assertNotNull(cookie, a.toString());
        assertTrue(cookie.startsWith("__Host-JSESSIONID="), cookie);
        List<String> attributes = List.of(cookie.toLowerCase(Locale.ROOT).split(";\\s*"));
        assertTrue(attributes.contains("secure"), cookie);
        assertTrue(attributes.contains("path=/"), cookie);
        assertTrue(attributes.contains("httponly"), cookie);
        assertTrue(attributes.contains("samesite=strict"), cookie);
        assertTrue(attributes.stream().noneMatch(x -> x.startsWith("domain=")), cookie);
        String session = cookie.substring("__Host-JSESSIONID=".length(), cookie.indexOf(';'));

        // the browser sends it back: the same session (no new cookie)
        Answer again = viaCaddy("__Host-JSESSIONID=" + session);
        assertEquals(200, again.status);
        assertNull(again.header("set-cookie"), again.toString());

        // a plain JSESSIONID (any app host of the same site can set one) names no session over HTTPS
        Answer planted = viaCaddy("JSESSIONID=" + session);
        assertNotNull(planted.header("set-cookie"), planted.toString());
        assertTrue(planted.header("set-cookie").startsWith("__Host-JSESSIONID="), planted.toString());
        assertFalse(planted.header("set-cookie").contains(session), planted.toString());
    }

    @Test
    void plainHttpStraightToTheDashboardIsNotFramedEitherAndKeepsAUsableCookie() throws Exception {
        Answer a = curl(List.of("http://127.0.0.1:" + port + "/login"));
        assertEquals(200, a.status, a.toString());
        assertEquals("DENY", a.header("x-frame-options"));
        assertEquals("frame-ancestors 'none'", a.header("content-security-policy"));
        assertNull(a.header("strict-transport-security"), "no HSTS over plain HTTP: " + a);
        assertTrue(a.header("set-cookie").startsWith("JSESSIONID="), a.toString());
        assertFalse(a.header("set-cookie").toLowerCase(Locale.ROOT).contains("secure"), a.toString());
    }

    @Test
    void theApiHostDoesNotAnswerCaddysTlsAsk() throws Exception {
        Answer a = curl(List.of("-k", "--resolve", "api." + BASE + ":" + HTTPS + ":127.0.0.1",
                "https://api." + BASE + ":" + HTTPS + "/tls/ask?domain=anything." + BASE));
        assertEquals(404, a.status, a.toString());
        assertNotEquals("ok", a.body.strip());
    }

    private static Answer viaCaddy(String cookie) throws Exception {
        List<String> args = new ArrayList<>(List.of("-k", "--resolve", "admin." + BASE + ":" + HTTPS + ":127.0.0.1"));
        if (cookie != null) {
            args.addAll(List.of("-H", "Cookie: " + cookie));
        }
        args.add("https://admin." + BASE + ":" + HTTPS + "/login");
        return curl(args);
    }

    record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name);
        }
    }

    /** curl -sS -D - ARGS: the status, the headers (lower-case names, last one wins) and the body. */
    private static Answer curl(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "30", "-D", "-"));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ":\n" + out);
        int end = out.indexOf("\r\n\r\n");
        String head = end < 0 ? out : out.substring(0, end);
        String body = end < 0 ? "" : out.substring(end + 4);
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        return new Answer(status, headers, body);
    }
}
