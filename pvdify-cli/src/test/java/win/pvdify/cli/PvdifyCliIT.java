package win.pvdify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import win.pvdify.api.App;
import win.pvdify.api.CreatedToken;
import win.pvdify.api.Domain;
import win.pvdify.api.Json;
import win.pvdify.api.Release;
import win.pvdify.api.Token;

/**
 * Black-box: the real launcher (bin/pvdify) against a real pvdifyd started from its jar in --dev mode
 * (`java -jar pvdifyd.jar --dev --port 0 --data-dir DIR`; it prints "listening on URL" and writes DIR/admin-token).
 * The CLI finds the admin token through PVDIFY_DATA_DIR alone, as on a real host. Skipped while the daemon's
 * jar is not built.
 */
class PvdifyCliIT {
    private static final Pattern LISTEN = Pattern.compile("listening on (http://\\S+)");
    private static final ObjectMapper JSON = Json.newMapper();
    private static Process daemon;
    private static String url;
    private static Path dir;
    private static final List<String> daemonLog = java.util.Collections.synchronizedList(new ArrayList<>());

    record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    @BeforeAll
    static void startDaemon() throws Exception {
        Path jar = Path.of(System.getProperty("pvdifyd.jar", "../pvdifyd/target/pvdifyd.jar")).toAbsolutePath();
        Assumptions.assumeTrue(Files.exists(jar), "skipped: " + jar + " is not built (mvn -pl pvdifyd -am package)");
        dir = Path.of(System.getProperty("pvdify.it.dir", "target/it")).toAbsolutePath()
                .resolve("run-" + ProcessHandle.current().pid());
        Files.createDirectories(dir.resolve("data"));
        String java = ProcessHandle.current().info().command().orElse("java");
        daemon = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString(), "--dev",
                "--port", "0", "--data-dir", dir.resolve("data").toString())
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8));
        Thread.ofVirtual().start(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    daemonLog.add(line);
                    Matcher m = LISTEN.matcher(line);
                    if (m.find()) {
                        synchronized (PvdifyCliIT.class) {
                            url = m.group(1);
                        }
                    }
                }
            } catch (IOException ignored) {
                // the daemon ended
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (listeningUrl() == null || !Files.exists(dir.resolve("data/admin-token"))) {
            if (!daemon.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("pvdifyd did not start:\n" + String.join("\n", daemonLog));
            }
            Thread.sleep(100);
        }
    }

    private static synchronized String listeningUrl() {
        return url;
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        if (daemon != null) {
            daemon.destroy();
            if (!daemon.waitFor(60, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
            }
        }
    }

    private Run pvdify(String... args) throws Exception {
        return pvdify(Map.of(), args);
    }

    private Run pvdify(Map<String, String> extraEnv, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(System.getProperty("pvdify.launcher", "bin/pvdify"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.remove("PVDIFY_TOKEN");
        env.put("PVDIFY_API_URL", listeningUrl());
        env.put("PVDIFY_DATA_DIR", dir.resolve("data").toString());
        env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        env.putAll(extraEnv);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("pvdify " + String.join(" ", args) + " did not finish");
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void appsConfigReleasesDomainsAndTokensAgainstARealDaemon() throws Exception {
        Run create = pvdify("apps:create", "cli-it", "-e", "staging");
        assertEquals(0, create.code(), create.toString());
        List<App> apps = JSON.readValue(pvdify("apps", "--json").out(), new TypeReference<List<App>>() { });
        assertTrue(apps.stream().anyMatch(a -> a.name().equals("cli-it")), apps.toString());
        assertEquals(0, pvdify("apps:info", "-a", "cli-it").code());

        Run set = pvdify("config:set", "cli-it", "GREETING=hello world", "PEM=line1\nline2");
        assertEquals(0, set.code(), set.toString());
        assertEquals("hello world\n", pvdify("config:get", "cli-it", "GREETING").out());
        assertFalse(pvdify("config", "cli-it", "--json").out().contains("hello world"));
        Map<String, String> revealed = JSON.readValue(pvdify("config", "cli-it", "--json", "--reveal").out(),
                new TypeReference<Map<String, String>>() { });
        assertEquals("line1\nline2", revealed.get("PEM"));
        assertEquals(0, pvdify("config:unset", "cli-it", "PEM").code());
        assertEquals(ExitCodes.NOT_FOUND, pvdify("config:get", "cli-it", "PEM").code());
        assertEquals(0, pvdify("config:set", "-a", "cli-it", "X1=1", "X2=2").code());
        Run unsetTwo = pvdify("config:unset", "cli-it", "X1", "X2");
        assertEquals(0, unsetTwo.code(), unsetTwo.toString());
        assertEquals(ExitCodes.NOT_FOUND, pvdify("config:get", "cli-it", "X2").code());

        Run releases = pvdify("releases", "cli-it", "--json");
        assertEquals(0, releases.code(), releases.toString());
        List<Release> rs = JSON.readValue(releases.out(), new TypeReference<List<Release>>() { });
        assertFalse(rs.isEmpty(), "config changes make releases: " + releases.out());

        Run add = pvdify("domains:add", "cli-it", "cli-it.example.com");
        assertEquals(0, add.code(), add.toString());
        List<Domain> ds = JSON.readValue(pvdify("domains", "cli-it", "--json").out(),
                new TypeReference<List<Domain>>() { });
        assertTrue(ds.stream().anyMatch(d -> d.hostname().equals("cli-it.example.com")), ds.toString());
        assertEquals(0, pvdify("domains:remove", "cli-it", "cli-it.example.com").code());

        Run tc = pvdify("tokens:create", "--app", "cli-it", "--description", "CI", "--json");
        assertEquals(0, tc.code(), tc.toString());
        CreatedToken created = JSON.readValue(tc.out(), CreatedToken.class);
        List<Token> tokens = JSON.readValue(pvdify("tokens", "--json").out(), new TypeReference<List<Token>>() { });
        assertTrue(tokens.stream().anyMatch(t -> t.id().equals(created.token().id())), tokens.toString());
        Run scoped = pvdify(Map.of("PVDIFY_TOKEN", created.secret()), "releases", "cli-it");
        assertEquals(0, scoped.code(), scoped.toString());
        assertEquals(0, pvdify("tokens:revoke", created.token().id()).code());
        Run revoked = pvdify(Map.of("PVDIFY_TOKEN", created.secret()), "releases", "cli-it");
        assertEquals(ExitCodes.UNAUTHORIZED, revoked.code(), revoked.toString());
        assertFalse(revoked.err().contains(created.secret()), revoked.err());

        assertEquals(ExitCodes.NOT_FOUND, pvdify("apps:info", "no-such-app").code());
        Run del = pvdify("apps:delete", "cli-it", "--confirm", "cli-it");
        assertEquals(0, del.code(), del.toString());
    }

    @Test
    void deployStreamsToAnOutcomeAndReadCommandsAnswer() throws Exception {
        assertEquals(0, pvdify("apps:create", "cli-it-deploy").code());
        // Without Podman images here the deploy may succeed (dev ledger) or fail (real runtime, no image):
        // either way the stream must end in a release, never in an API or connection error.
        Run d = pvdify("deploy", "cli-it-deploy", "-i", "localhost/pvdify-cli-it/none:1");
        assertTrue(d.code() == 0 || d.code() == ExitCodes.DEPLOY_FAILED, d.toString());
        assertTrue(d.out().contains("Released v") || d.err().contains("failed"), d.toString());
        Run rs = pvdify("releases:info", "cli-it-deploy", "v1", "--json");
        assertEquals(0, rs.code(), rs.toString());
        assertEquals(1, JSON.readValue(rs.out(), Release.class).version());
        Run ps = pvdify("ps", "cli-it-deploy", "--json");
        assertEquals(0, ps.code(), ps.toString());
        JSON.readValue(ps.out(), win.pvdify.api.Processes.class);
        Run logs = pvdify("logs", "cli-it-deploy", "-n", "5", "--json");
        assertEquals(0, logs.code(), logs.toString());
        JSON.readValue(logs.out(), String[].class);
    }

    @Test
    void deletingWithoutATerminalNeedsConfirm() throws Exception {
        assertEquals(0, pvdify("apps:create", "cli-it-keep").code());
        Run r = pvdify("apps:delete", "cli-it-keep");
        assertEquals(ExitCodes.ERROR, r.code(), r.toString());
        assertEquals(0, pvdify("apps:info", "cli-it-keep").code(), "still there");
    }

    @Test
    void whoamiWithTheLocalAdminTokenAndABadToken() throws Exception {
        Run who = pvdify("whoami", "--json");
        assertEquals(0, who.code(), who.toString());
        assertTrue(who.out().contains("\"kind\" : \"admin\""), who.out());
        Run bad = pvdify(Map.of("PVDIFY_TOKEN", "pvd_not_a_real_token"), "apps");
        assertEquals(ExitCodes.UNAUTHORIZED, bad.code(), bad.toString());
    }
}
