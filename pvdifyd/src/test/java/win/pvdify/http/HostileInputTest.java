package win.pvdify.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import win.pvdify.TestDaemon;
import win.pvdify.api.CreateApp;
import win.pvdify.api.CreateToken;
import win.pvdify.api.DeployRequest;

/** Malformed, hostile and oversized input on every route: a clear 4xx with a JSON error, never a 500. */
class HostileInputTest {
    private static TestDaemon t;
    private static String deployToken;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<String> BODIES = List.of("", "{", "[]", "null", "42", "\"x\"", "{\"name\":",
            "{\"name\":123,\"image\":[],\"updates\":\"x\",\"version\":\"abc\",\"hostname\":{},\"kind\":7}",
            "{\"name\":\"" + "a".repeat(5000) + "\",\"image\":\"UPPER/CASE::\",\"hostname\":\"-x-.com\"}",
            "{\"updates\":[{\"type\":\"web\",\"count\":-1}],\"bind_port\":70000,\"environment\":\"prod\"}",
            "{\"updates\":[null],\"resources\":{\"memory_mb\":-5,\"cpu\":\"NaN\"},\"healthcheck\":{\"path\":\"no slash\"}}",
            "{\"A\\u0000B\":\"x\",\"LD_PRELOAD\":\"/evil.so\",\"OK\":\"nul\\u0000byte\"}",
            "{\"updates\":[{\"type\":\"../../etc\",\"count\":1,\"command\":\"a\\nb\"}],\"version\":99999}",
            "\u00ff\u00fe garbage \u0001");

    @BeforeAll
    static void start() {
        t = new TestDaemon(b -> { });
        t.admin().createApp(new CreateApp("victim", null));
        t.admin().deploy("victim", new DeployRequest("nginx", null));
        t.admin().createApp(new CreateApp("other", null));
        deployToken = t.admin().createToken(new CreateToken("deploy", "other", null)).secret();
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private static HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(t.daemon.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String concrete(String template, String name) {
        return template.replace("{name}", name).replace("{version}", "1").replace("{key}", "KEY")
                .replace("{hostname}", "victim.pvdify.localhost").replace("{id}", "tok_x").replace("{registry}", "r.io").replace("{zone}", "z1").replace("{number}", "1")
                .replace("{job}", "nightly")
                .replace("{addon}", name).replace("{app}", "victim");
    }

    private static void assertClean(HttpResponse<String> res, String what) throws Exception {
        assertTrue(res.statusCode() < 500, what + " -> " + res.statusCode() + " " + res.body());
        if (res.statusCode() >= 400 && res.headers().firstValue("X-Request-Id").isEmpty()) {
            // rejected by Helidon itself before routing (a path it cannot decode): a plain 400 is fine
            assertEquals(400, res.statusCode(), what + " " + res.body());
            return;
        }
        if (res.statusCode() >= 400) {
            JsonNode err = JSON.readTree(res.body());
            assertNotNull(err.get("error"), what + " " + res.body());
            assertEquals(res.headers().firstValue("X-Request-Id").orElseThrow(), err.get("id").asText(), what);
        }
    }

    @Test
    void everyRouteSurvivesBadBodiesAndNames() throws Exception {
        List<String> routes = t.daemon.routing().described();
        List<String> names = List.of("victim", "nope", "..", "%2e%2e%2f", "A%00B", "x".repeat(300), "%ff%fe", "a%20b");
        int checked = 0;
        for (String route : routes) {
            String method = route.substring(0, route.indexOf(' '));
            String template = route.substring(route.indexOf(' ') + 1);
            for (String name : names) {
                String path = concrete(template, name);
                for (String body : method.equals("GET") || method.equals("DELETE") ? List.of("") : BODIES) {
                    if (template.endsWith("/apps/{name}") && method.equals("DELETE") && name.equals("victim")) {
                        continue;
                    }
                    assertClean(send(method, path, body, t.adminToken), method + " " + path + " " + body);
                    checked++;
                }
            }
        }
        assertTrue(checked > 500, "checked " + checked);
    }

    @Test
    void authMatrix() throws Exception {
        for (String route : t.daemon.routing().described()) {
            String method = route.substring(0, route.indexOf(' '));
            String path = concrete(route.substring(route.indexOf(' ') + 1), "victim");
            if (path.equals("/health") || path.equals("/metrics")) {
                continue; // open on loopback by design; MetricsApiTest checks the token through the proxy
            }
            assertEquals(401, send(method, path, "{}", null).statusCode(), "no token " + route);
            assertEquals(401, send(method, path, "{}", "pvd_wrong").statusCode(), "bad token " + route);
            int scoped = send(method, path, "{}", deployToken).statusCode();
            boolean appRoute = path.contains("/apps/victim");
            if (appRoute || path.contains("/tokens") || path.contains("/registries")) {
                assertEquals(403, scoped, "deploy token of another app " + route);
            }
        }
    }

    @Test
    void forceOnDeleteIsTrueOrFalseOnly() throws Exception {
        for (String bad : List.of("yes", "1", "TRUE%00", "x".repeat(500), "%22true%22")) {
            HttpResponse<String> res = send("DELETE", "/api/v1/apps/victim?force=" + bad, null, t.adminToken);
            assertEquals(422, res.statusCode(), bad + " -> " + res.body());
            assertTrue(res.body().contains("force must be true or false"), res.body());
        }
        assertEquals(200, send("GET", "/api/v1/apps/victim", null, t.adminToken).statusCode(), "still there");
    }

    @Test
    void psStopTakesOnlyADynoOrTypeName() throws Exception {
        for (String bad : List.of("{}", "{\"dyno\":\"\"}", "{\"dyno\":\"web.0\"}", "{\"dyno\":\"web.1;rm -rf /\"}",
                "{\"dyno\":\"../web.1\"}", "{\"dyno\":\"" + "w".repeat(40) + "\"}", "{\"dyno\":\"web.1\",\"force\":\"yes\"}")) {
            HttpResponse<String> res = send("POST", "/api/v1/apps/victim/ps/stop", bad, t.adminToken);
            assertEquals(422, res.statusCode(), bad + " -> " + res.body());
        }
        assertEquals(404, send("POST", "/api/v1/apps/victim/ps/stop", "{\"dyno\":\"clock.1\"}", t.adminToken)
                .statusCode());
    }

    @Test
    void oversizedBodiesAre413() throws Exception {
        String big = "{\"A\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        HttpResponse<String> res = send("PUT", "/api/v1/apps/victim/config", big, t.adminToken);
        assertEquals(413, res.statusCode());
        assertClean(res, "big body");
    }

    /** The JSON parser recurses: deep nesting is refused before parsing, as is a second document after the first. */
    @Test
    void deeplyNestedOrDoubledBodiesAre400() throws Exception {
        String deep = "{\"name\":\"x\",\"extra\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        for (String[] c : List.of(new String[] {"POST", "/api/v1/apps", deep},
                new String[] {"PUT", "/api/v1/apps/victim/config", "{\"A\":" + "[".repeat(5000) + "}"},
                new String[] {"PATCH", "/api/v1/apps/victim", "{\"healthcheck\":" + "{\"a\":".repeat(5000) + "1"
                        + "}".repeat(5001)},
                new String[] {"POST", "/api/v1/apps", "{\"name\":\"twice-a\"}{\"name\":\"twice-b\"}"})) {
            HttpResponse<String> res = send(c[0], c[1], c[2], t.adminToken);
            String what = c[0] + " " + c[1] + " " + c[2].substring(0, Math.min(60, c[2].length()));
            assertEquals(400, res.statusCode(), what + " -> " + res.body());
            assertClean(res, what);
            assertTrue(JSON.readTree(res.body()).get("error").asText().startsWith("malformed JSON: "), res.body());
        }
        assertEquals(404, send("GET", "/api/v1/apps/twice-a", null, t.adminToken).statusCode());
    }

    @Test
    void unknownRoutesAndMethodsAreJson404And405() throws Exception {
        HttpResponse<String> res = send("GET", "/api/v1/nothing", null, t.adminToken);
        assertEquals(404, res.statusCode());
        assertClean(res, "unknown");
        res = send("PUT", "/api/v1/apps/victim/releases", "{}", t.adminToken);
        assertEquals(405, res.statusCode());
        assertClean(res, "method");
        assertEquals(404, send("GET", "/api/v1/apps/victim/releases/v99", null, t.adminToken).statusCode());
        assertEquals(404, send("GET", "/api/v1/apps/ghost", null, t.adminToken).statusCode());
    }

    /** Jackson would convert "80" to 80 and 1.5 to 1: the daemon refuses every wrong JSON type with a 422. */
    @Test
    void wrongJsonTypesAre422AndChangeNothing() throws Exception {
        String before = send("GET", "/api/v1/apps/victim", null, t.adminToken).body();
        String releases = send("GET", "/api/v1/apps/victim/releases", null, t.adminToken).body();
        List<String[]> cases = List.of(
                new String[] {"PATCH", "/api/v1/apps/victim", "{\"bind_port\":\"80\"}", "bind_port"},
                new String[] {"PATCH", "/api/v1/apps/victim", "{\"bind_port\":80.5}", "bind_port"},
                new String[] {"PATCH", "/api/v1/apps/victim", "{\"bind_port\":true}", "bind_port"},
                new String[] {"PATCH", "/api/v1/apps/victim", "{\"read_only\":\"true\"}", "read_only"},
                new String[] {"PATCH", "/api/v1/apps/victim", "{\"read_only\":1}", "read_only"},
                new String[] {"PATCH", "/api/v1/apps/victim", "{\"environment\":7}", "environment"},
                new String[] {"PATCH", "/api/v1/apps/victim", "{\"healthcheck\":{\"interval\":\"5\"}}",
                    "healthcheck.interval"},
                new String[] {"PATCH", "/api/v1/apps/victim", "{\"healthcheck\":{\"timeout\":\"2\"}}",
                    "healthcheck.timeout"},
                new String[] {"PATCH", "/api/v1/apps/victim", "{\"healthcheck\":{\"retries\":\"3\"}}",
                    "healthcheck.retries"},
                new String[] {"PATCH", "/api/v1/apps/victim", "{\"healthcheck\":{\"path\":5}}", "healthcheck.path"},
                new String[] {"PATCH", "/api/v1/apps/victim", "{\"resources\":{\"memory_mb\":\"512\"}}",
                    "resources.memory_mb"},
                new String[] {"PATCH", "/api/v1/apps/victim", "{\"resources\":{\"cpu\":\"0.5\"}}",
                    "resources.cpu"},
                new String[] {"PATCH", "/api/v1/apps/victim", "{\"resources\":\"\"}", "resources"},
                new String[] {"POST", "/api/v1/apps/victim/ps/scale", "{\"updates\":[{\"type\":\"web\",\"count\":\"3\"}]}",
                    "updates[0].count"},
                new String[] {"POST", "/api/v1/apps/victim/ps/scale", "{\"updates\":[{\"type\":\"web\",\"count\":1.5}]}",
                    "updates[0].count"},
                new String[] {"POST", "/api/v1/apps/victim/ps/scale", "{\"updates\":[{\"type\":\"web\",\"count\":null}]}",
                    "updates[0].count"},
                new String[] {"POST", "/api/v1/apps/victim/rollback", "{\"version\":\"1\"}", "version"},
                new String[] {"PUT", "/api/v1/apps/victim/config", "{\"WORKERS\":3}", "WORKERS"},
                new String[] {"PUT", "/api/v1/apps/victim/config", "{\"DEBUG\":true}", "DEBUG"},
                new String[] {"POST", "/api/v1/apps/victim/domains", "{\"hostname\":\"x.example.test\",\"cloudflare\":\"false\"}",
                    "cloudflare"},
                new String[] {"POST", "/api/v1/apps", "{\"name\":12345}", "name"});
        for (String[] c : cases) {
            HttpResponse<String> res = send(c[0], c[1], c[2], t.adminToken);
            String what = c[0] + " " + c[1] + " " + c[2];
            assertEquals(422, res.statusCode(), what + " -> " + res.body());
            assertClean(res, what);
            String error = JSON.readTree(res.body()).get("error").asText();
            assertTrue(error.startsWith(c[3] + " "), what + " -> " + error);
        }
        assertEquals("bind_port must be an integer, got a string", JSON.readTree(send("PATCH", "/api/v1/apps/victim",
                "{\"bind_port\":\"80\"}", t.adminToken).body()).get("error").asText());
        assertEquals("updates[0].count must be an integer, got a decimal number", JSON.readTree(send("POST",
                "/api/v1/apps/victim/ps/scale", "{\"updates\":[{\"type\":\"web\",\"count\":1.5}]}", t.adminToken)
                .body()).get("error").asText());
        assertEquals(before, send("GET", "/api/v1/apps/victim", null, t.adminToken).body());
        assertEquals(releases, send("GET", "/api/v1/apps/victim/releases", null, t.adminToken).body(),
                "no release was made by a refused body");
    }

    @Test
    void specificStatusCodes() throws Exception {
        assertEquals(400, send("POST", "/api/v1/apps", "{", t.adminToken).statusCode());
        assertEquals(422, send("POST", "/api/v1/apps", "{\"name\":\"Bad_Name\"}", t.adminToken).statusCode());
        assertEquals(422, send("POST", "/api/v1/apps", "{\"name\":\"api\"}", t.adminToken).statusCode());
        assertEquals(422, send("POST", "/api/v1/apps", "{\"name\":\"ends-\"}", t.adminToken).statusCode());
        assertEquals(409, send("POST", "/api/v1/apps", "{\"name\":\"victim\"}", t.adminToken).statusCode());
        assertEquals(422, send("POST", "/api/v1/apps/victim/releases", "{\"image\":\"Not A Ref\"}", t.adminToken)
                .statusCode());
        assertEquals(422, send("PUT", "/api/v1/apps/victim/config", "{\"LD_PRELOAD\":\"x\"}", t.adminToken)
                .statusCode());
        assertEquals(422, send("PUT", "/api/v1/apps/victim/config", "{\"1X\":\"x\"}", t.adminToken).statusCode());
        assertEquals(422, send("PUT", "/api/v1/apps/victim/config", "{\"X\":\"a\\u0000b\"}", t.adminToken)
                .statusCode());
        assertEquals(422, send("PATCH", "/api/v1/apps/victim", "{\"bind_port\":0}", t.adminToken).statusCode());
        List<String> noCors = new ArrayList<>(send("GET", "/api/v1/apps", null, t.adminToken).headers()
                .allValues("Access-Control-Allow-Origin"));
        assertEquals(List.of(), noCors);
    }
}
