package win.pvdify.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import win.pvdify.RecordingRuntime;
import win.pvdify.TestDaemon;
import win.pvdify.api.CreateApp;
import win.pvdify.api.CreateToken;
import win.pvdify.api.CreatedToken;
import win.pvdify.api.DeployRequest;
import win.pvdify.api.Run;
import win.pvdify.api.RunRequest;
import win.pvdify.api.RunSettings;
import win.pvdify.api.client.ApiException;
import win.pvdify.api.client.PvdifyClient;
import win.pvdify.api.client.RunConnection;
import win.pvdify.oneoff.ScriptedOneOffs;

/**
 * One-off runs over HTTP and the attach WebSocket against the real daemon (store, auth, routes, WebSocket, the
 * JDK client), with a scripted runtime behind it; bad input of every kind; the same attach through a real Caddy.
 */
class RunApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ScriptedOneOffs runtime = new ScriptedOneOffs();
    private TestDaemon t;
    private PvdifyClient api;

    @BeforeEach
    void start() {
        t = new TestDaemon(b -> b.runtime(p -> new RecordingRuntime(p.ledger())).oneOffs(p -> runtime));
        api = t.admin();
        api.createApp(new CreateApp("shop", null));
        api.createApp(new CreateApp("other", null));
        api.setConfig("shop", Map.of("SECRET", "s3cr3t"));
        api.deploy("shop", new DeployRequest("example.com/shop:1", null));
    }

    @AfterEach
    void stop() throws Exception {
        t.close();
        RunEnvFiles.removeOf(t, "shop");
    }

    private HttpResponse<String> post(String path, String body, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(t.daemon.baseUrl() + "/api/v1" + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(t.daemon.baseUrl() + "/api/v1" + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String error(HttpResponse<String> res) throws Exception {
        return JSON.readTree(res.body()).path("error").asText();
    }

    @Test
    void anAttachedRunStreamsStdinBothWaysAndAnswersTheExitCode() throws Exception {
        Run run = api.run("shop", new RunRequest(List.of("sh", "-c", "echo $SECRET; cat"), true, false,
                Map.of("EXTRA", "x y"), null, null));
        assertEquals("run.1", run.name());
        assertEquals("created", run.state());
        assertEquals(List.of("create pvdify-shop.run.1.v2 [sh, -c, echo $SECRET; cat] stdin"), runtime.calls);
        Map<String, String> env = runtime.env.get("pvdify-shop.run.1.v2");
        assertEquals("s3cr3t", env.get("SECRET"), "the release's config");
        assertEquals("x y", env.get("EXTRA"), "this run's extra");
        assertEquals("run.1", env.get("DYNO"));
        Path envFile = Path.of(DaemonConfigDir.envDir(t), "pvdify-shop.run.1.v2.env");
        assertTrue(Files.exists(envFile), "a tmpfs env file while the run exists");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (RunConnection c = api.attachRun("shop", 1, 0, 0, out, err)) {
            // a 10 MB paste flows through in bounded frames, none of it held whole anywhere
            byte[] chunk = new byte[1024 * 1024];
            for (int i = 0; i < 10; i++) {
                c.send(chunk, 0, chunk.length);
            }
            c.closeInput();
            assertEquals(3, c.awaitExit());
        }
        assertEquals("got " + (10 * 1024 * 1024) + " bytes\n", out.toString(StandardCharsets.UTF_8));
        assertEquals("bye\n", err.toString(StandardCharsets.UTF_8));
        Run ended = waitForEnd("shop", 1);
        assertEquals("failed", ended.state());
        assertEquals(3, ended.exitCode());
        assertTrue(runtime.calls.contains("remove pvdify-shop.run.1.v2"), runtime.calls.toString());
        assertFalse(Files.exists(envFile), "the env file goes with the run");
        assertTrue(api.logs("shop", 50, null).stream().anyMatch(l -> l.contains("run.1 exited with status 3")));
        assertEquals(List.of(), api.runs("shop", false), "ps lists only runs that have not ended");
        assertEquals(1, api.runs("shop", true).size());
    }

    @Test
    void aTerminalGetsItsSizeAndResizes() throws Exception {
        api.run("shop", new RunRequest(List.of("sh"), true, true, null, null, null));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RunConnection c = api.attachRun("shop", 1, 40, 100, out, out)) {
            c.resize(50, 120);
            c.closeInput();
            assertEquals(3, c.awaitExit());
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("tty\r\n"));
        assertTrue(runtime.calls.contains("create pvdify-shop.run.1.v2 [sh] tty stdin"), runtime.calls.toString());
        assertTrue(runtime.calls.contains("resize pvdify-shop.run.1.v2 40x100"), runtime.calls.toString());
        assertTrue(runtime.calls.contains("resize pvdify-shop.run.1.v2 50x120"), runtime.calls.toString());
    }

    @Test
    void aClientThatGoesAwayStopsItsRun() throws Exception {
        api.run("shop", new RunRequest(List.of("sh"), true, true, null, null, null));
        RunConnection c = api.attachRun("shop", 1, 24, 80, new ByteArrayOutputStream(), new ByteArrayOutputStream());
        c.close();
        Run ended = waitForEnd("shop", 1);
        assertEquals("stopped", ended.state());
        assertTrue(ended.error().contains("client disconnected"), ended.error());
        assertTrue(runtime.calls.contains("remove pvdify-shop.run.1.v2"), runtime.calls.toString());
    }

    @Test
    void aDetachedRunStartsAtOnceAndPsStopStopsIt() throws Exception {
        api.deploy("shop", new DeployRequest("example.com/shop:2", null));
        Run run = api.run("shop", new RunRequest(List.of("./worker"), false, false, null, 2, 60));
        assertEquals("running", run.state());
        assertEquals(2, run.release(), "--release v2 (v3 is current)");
        assertEquals(List.of("create pvdify-shop.run.1.v2 [./worker]", "start pvdify-shop.run.1.v2"), runtime.calls);
        assertTrue(run.deadline().isAfter(run.createdAt().plusSeconds(59)));
        assertEquals(List.of("run.1"), api.runs("shop", false).stream().map(Run::name).toList());
        assertEquals("stopped", api.stopRun("shop", 1).state());
        assertTrue(runtime.calls.contains("stop pvdify-shop.run.1.v2"), runtime.calls.toString());
        ApiException again = assertThrows(ApiException.class, () -> api.stopRun("shop", 1));
        assertEquals(409, again.status());
        // attaching to a detached run: refused with the reason
        ApiException attach = assertThrows(ApiException.class, () -> api.attachRun("shop", 1, 0, 0,
                new ByteArrayOutputStream(), new ByteArrayOutputStream()));
        assertEquals(409, attach.status(), attach.getMessage());
    }

    @Test
    void badInputIsAClear4xxAndReachesNoContainer() throws Exception {
        String admin = t.adminToken;
        record Bad(String body, int status, String says) {
        }
        List<Bad> bad = List.of(
                new Bad("{}", 422, "command is required"),
                new Bad("{\"command\":[]}", 422, "command is required"),
                new Bad("{\"command\":[\"\"]}", 422, "program name"),
                new Bad("{\"command\":[\"sh\",null]}", 422, "null"),
                new Bad("{\"command\":[\"a\\u0000b\"]}", 422, "NUL"),
                new Bad("{\"command\":[" + ("\"" + "x".repeat(4000) + "\",").repeat(20) + "\"y\"]}", 422,
                        "longer than"),
                new Bad("{\"command\":[" + "\"x\",".repeat(300) + "\"y\"]}", 422, "more than 256 words"),
                new Bad("{\"command\":[\"sh\"],\"release\":9}", 404, "no release v9"),
                new Bad("{\"command\":[\"sh\"],\"release\":0}", 422, "release"),
                new Bad("{\"command\":[\"sh\"],\"tty\":true}", 422, "tty needs attach"),
                new Bad("{\"command\":[\"sh\"],\"env\":{\"1BAD\":\"x\"}}", 422, "invalid config var name"),
                new Bad("{\"command\":[\"sh\"],\"env\":{\"A;rm -rf /\":\"x\"}}", 422, "invalid config var name"),
                new Bad("{\"command\":[\"sh\"],\"env\":{\"LD_PRELOAD\":\"/x.so\"}}", 422, "reserved"),
                new Bad("{\"command\":[\"sh\"],\"env\":{\"A\":\"line\\nbreak\"}}", 422, "line break"),
                new Bad("{\"command\":[\"sh\"],\"env\":{\"PORT\":\"1\"}}", 422, "set by pvdify"),
                new Bad("{\"command\":[\"sh\"],\"ttl_seconds\":0}", 422, "ttl_seconds"),
                new Bad("{\"command\":[\"sh\"],\"ttl_seconds\":999999}", 422, "ttl_seconds"),
                new Bad("{\"command\":\"sh\"}", 422, "must be a list"),
                new Bad("not json", 400, ""));
        for (Bad b : bad) {
            HttpResponse<String> res = post("/apps/shop/runs", b.body(), admin);
            assertEquals(b.status(), res.statusCode(), b.body().substring(0, Math.min(80, b.body().length())) + " -> "
                    + res.body());
            assertTrue(error(res).contains(b.says()), error(res));
        }
        HttpResponse<String> huge = post("/apps/shop/runs", "{\"command\":[\"" + "x".repeat(11 * 1024 * 1024)
                + "\"]}", admin);
        assertEquals(413, huge.statusCode(), huge.body());
        assertEquals(List.of(), runtime.calls, "nothing reached a container");

        assertEquals(404, post("/apps/nope/runs", "{\"command\":[\"sh\"]}", admin).statusCode());
        HttpResponse<String> notDeployed = post("/apps/other/runs", "{\"command\":[\"sh\"]}", admin);
        assertEquals(409, notDeployed.statusCode());
        assertTrue(error(notDeployed).contains("deploy it first"), notDeployed.body());
        assertEquals(404, get("/apps/shop/runs/7", admin).statusCode());
        assertEquals(404, get("/apps/shop/runs/run.x", admin).statusCode());
        assertEquals(401, post("/apps/shop/runs", "{\"command\":[\"sh\"]}", "wrong").statusCode());
        // a plain GET of the attach route says what it needs
        api.run("shop", new RunRequest(List.of("sh"), true, false, null, null, null));
        HttpResponse<String> plain = get("/apps/shop/runs/1/attach", admin);
        assertEquals(400, plain.statusCode(), plain.body());
        assertTrue(error(plain).contains("WebSocket"), plain.body());
        assertEquals(401, get("/apps/shop/runs/1/attach", "wrong").statusCode());
        ApiException wrongToken = assertThrows(ApiException.class, () -> t.client("wrong").attachRun("shop", 1, 0, 0,
                new ByteArrayOutputStream(), new ByteArrayOutputStream()));
        assertEquals(401, wrongToken.status(), wrongToken.getMessage());
    }

    @Test
    void deployTokensRunOnlyOnTheirOwnAppAndOnlyWhenItAllowsThem() throws Exception {
        CreatedToken ci = api.createToken(new CreateToken("deploy", "shop", "ci"));
        CreatedToken otherCi = api.createToken(new CreateToken("deploy", "other", "ci"));
        String body = "{\"command\":[\"sh\"]}";
        HttpResponse<String> off = post("/apps/shop/runs", body, ci.secret());
        assertEquals(403, off.statusCode());
        assertTrue(error(off).contains("run:settings shop --deploy-tokens on"), off.body());
        assertEquals(new RunSettings(false), api.runSettings("shop"));
        HttpResponse<String> byCi = http.send(HttpRequest.newBuilder(URI.create(t.daemon.baseUrl()
                + "/api/v1/apps/shop/runs/settings")).header("Authorization", "Bearer " + ci.secret())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"deploy_tokens\":true}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, byCi.statusCode(), "only admins change it");

        api.setRunSettings("shop", new RunSettings(true));
        assertEquals(201, post("/apps/shop/runs", body, ci.secret()).statusCode());
        HttpResponse<String> foreign = post("/apps/shop/runs", body, otherCi.secret());
        assertEquals(403, foreign.statusCode(), "another app's deploy token");
        assertEquals(403, post("/apps/shop/runs/1/stop", "", otherCi.secret()).statusCode());
        assertEquals(403, get("/apps/shop/runs/1/attach", otherCi.secret()).statusCode());
    }

    @Test
    void theAttachWebSocketWorksThroughCaddy() throws Exception {
        Path dir = Path.of("target/caddy-run-ws").toAbsolutePath();
        Files.createDirectories(dir);
        int port = 19410;
        Files.writeString(dir.resolve("caddy.json"), "{\"admin\":{\"disabled\":true},\"apps\":{\"http\":{\"servers\":"
                + "{\"api\":{\"listen\":[\"127.0.0.1:" + port + "\"],\"automatic_https\":{\"disable\":true},"
                + "\"routes\":[{\"handle\":[{\"handler\":\"reverse_proxy\",\"upstreams\":[{\"dial\":\"127.0.0.1:"
                + t.daemon.port() + "\"}]}]}]}}}}}");
        ProcessBuilder pb = new ProcessBuilder("caddy", "run", "--config", dir.resolve("caddy.json").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("caddy.log").toFile());
        // Caddy's own state under target/, never the user's home
        pb.environment().put("HOME", dir.toString());
        pb.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
        pb.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        Process caddy = pb.start();
        try {
            PvdifyClient viaCaddy = new PvdifyClient("http://127.0.0.1:" + port, t.adminToken);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (true) {
                try {
                    viaCaddy.whoami();
                    break;
                } catch (ApiException e) {
                    if (System.nanoTime() > deadline || !caddy.isAlive()) {
                        throw new AssertionError("caddy did not come up: " + Files.readString(dir.resolve("caddy.log")));
                    }
                    Thread.sleep(100);
                }
            }
            viaCaddy.run("shop", new RunRequest(List.of("sh"), true, true, null, null, null));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (RunConnection c = viaCaddy.attachRun("shop", 1, 30, 90, out, out)) {
                byte[] paste = new byte[3 * 1024 * 1024];
                c.send(paste, 0, paste.length);
                c.closeInput();
                assertEquals(3, c.awaitExit());
            }
            assertEquals("tty\r\ngot " + (3 * 1024 * 1024) + " bytes\nbye\n", out.toString(StandardCharsets.UTF_8));
        } finally {
            caddy.destroy();
            caddy.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Run waitForEnd(String app, int number) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Run r = api.runInfo(app, number);
            if (Run.State.valueOf(r.state().toUpperCase(java.util.Locale.ROOT)).ended()
                    || System.nanoTime() > deadline) {
                return r;
            }
            Thread.sleep(20);
        }
    }

    /** Where the test daemon keeps env files (its config's env dir). */
    static final class DaemonConfigDir {
        static String envDir(TestDaemon t) {
            return t.daemon.config().envDir().toAbsolutePath().toString();
        }
    }
}
