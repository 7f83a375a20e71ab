package win.pvdify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import win.pvdify.api.ApiJson;
import win.pvdify.api.App;
import win.pvdify.api.CreatedToken;
import win.pvdify.api.Domain;
import win.pvdify.api.Release;
import win.pvdify.api.Token;
import win.pvdify.api.client.PvdifyClient;
import win.pvdify.fakes.PodmanService;

/**
 * Black-box: the real launcher (bin/pvdify) against a real pvdifyd started from its jar in --dev mode
 * (`java -jar pvdifyd.jar --dev --port 0 --data-dir DIR`; it prints "listening on URL" and writes DIR/admin-token).
 * The CLI finds the admin token through PVDIFY_DATA_DIR alone, as on a real host. Skipped while the daemon's
 * jar is not built.
 */
class PvdifyCliIT {
    private static final Pattern LISTEN = Pattern.compile("listening on (http://\\S+)");
    private static final ApiJson JSON = new ApiJson();
    private static Process daemon;
    private static String url;
    private static Path dir;
    private static Path run;
    private static PodmanService podman;
    /** Every app a test creates: deleted after all tests, even when one failed. */
    private static final Set<String> APPS = Set.of("cli-it", "cli-it-deploy", "cli-it-keep", "cli-it-run",
            "cli-it-bad", "cli-it-ops", "cli-it-oneoff");
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
        // Real dynos through the Podman fallback on the host's Podman service, in this IT's own port range;
        // env files on tmpfs under /run (never /tmp), no Caddy.
        run = Path.of("/run/pvdify-cli-it-" + ProcessHandle.current().pid());
        podman = PodmanService.start(run.resolve("podman.sock"), dir.resolve("podman-service.log"));
        daemon = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString(), "--dev",
                "--port", "0", "--data-dir", dir.resolve("data").toString(), "--supervisor", "podman",
                "--port-range", "26500-26999",
                "--podman-socket", run.resolve("podman.sock").toString(), "--env-dir", run.resolve("env").toString(),
                "--unit-dir", dir.resolve("units").toString(), "--caddy-admin-url", "off")
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
        try {
            if (daemon != null && daemon.isAlive() && listeningUrl() != null) {
                deleteAppsThroughTheApi();
            }
        } finally {
            if (daemon != null) {
                daemon.destroy();
                if (!daemon.waitFor(60, TimeUnit.SECONDS)) {
                    daemon.destroyForcibly();
                    daemon.waitFor(30, TimeUnit.SECONDS);
                }
            }
            try {
                removeLeftoverContainers(); // a safety net: the API delete above is what the test relies on
            } finally {
                if (podman != null) {
                    podman.close();
                }
                if (run != null) {
                    deleteTree(run);
                }
            }
        }
    }

    private static void deleteAppsThroughTheApi() {
        try {
            PvdifyClient api = new PvdifyClient(listeningUrl(),
                    Files.readString(dir.resolve("data/admin-token")).trim());
            for (App app : api.apps()) {
                if (APPS.contains(app.name())) {
                    try {
                        api.deleteApp(app.name());
                    } catch (RuntimeException e) {
                        System.err.println("PvdifyCliIT: could not delete " + app.name() + ": " + e.getMessage());
                    }
                }
            }
        } catch (Exception e) {
            System.err.println("PvdifyCliIT: cleanup through the API failed: " + e.getMessage());
        }
    }

    private static void removeLeftoverContainers() throws Exception {
        if (dir == null) {
            return;
        }
        // the daemon labels its dynos with its data dir
        List<String> ids = containersLabelled("pvdify.owner=" + dir.resolve("data").normalize());
        {
            if (!ids.isEmpty()) {
                System.err.println("PvdifyCliIT: removing leftover containers: " + ids);
                List<String> cmd = new ArrayList<>(List.of("podman", "rm", "-f", "-t", "0"));
                cmd.addAll(ids);
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                p.waitFor(120, TimeUnit.SECONDS);
            }
        }
    }

    /** IDs of the host's Podman containers labelled with this app (what the Podman supervisor makes). */
    private static List<String> containers(String app) throws Exception {
        return containersLabelled("pvdify.app=" + app);
    }

    private static List<String> containersLabelled(String label) throws Exception {
        Process p = new ProcessBuilder("podman", "ps", "-a", "-q", "--filter", "label=" + label)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("podman ps failed");
        }
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private Run pvdify(String... args) throws Exception {
        return pvdify(Map.of(), args);
    }

    private Run pvdify(Map<String, String> extraEnv, String... args) throws Exception {
        return pvdifyWithInput(extraEnv, null, args);
    }

    /** Runs the launcher; stdin is the given text, or /dev/null. An empty env value unsets that variable. */
    private Run pvdifyWithInput(Map<String, String> extraEnv, String stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(System.getProperty("pvdify.launcher", "bin/pvdify"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.remove("PVDIFY_TOKEN");
        env.put("PVDIFY_API_URL", listeningUrl());
        env.put("PVDIFY_DATA_DIR", dir.resolve("data").toString());
        env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        extraEnv.forEach((k, v) -> {
            if (v.isEmpty()) {
                env.remove(k);
            } else {
                env.put(k, v);
            }
        });
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        java.io.File in = new java.io.File("/dev/null");
        if (stdin != null) {
            Path input = Files.createTempFile(dir, "in", ".txt");
            Files.writeString(input, stdin);
            in = input.toFile();
        }
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(in)).start();
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
        List<App> apps = JSON.read(pvdify("apps", "--json").out(), ApiJson.listOf(App.class));
        assertTrue(apps.stream().anyMatch(a -> a.name().equals("cli-it")), apps.toString());
        assertEquals(0, pvdify("apps:info", "-a", "cli-it").code());

        Run set = pvdify("config:set", "cli-it", "GREETING=hello world", "PEM=line1\nline2");
        assertEquals(0, set.code(), set.toString());
        assertEquals("hello world\n", pvdify("config:get", "cli-it", "GREETING").out());
        assertFalse(pvdify("config", "cli-it", "--json").out().contains("hello world"));
        Map<String, String> revealed = JSON.read(pvdify("config", "cli-it", "--json", "--reveal").out(),
                ApiJson.mapOf(String.class));
        assertEquals("line1\nline2", revealed.get("PEM"));
        assertEquals(0, pvdify("config:unset", "cli-it", "PEM").code());
        assertEquals(ExitCodes.NOT_FOUND, pvdify("config:get", "cli-it", "PEM").code());
        assertEquals(0, pvdify("config:set", "-a", "cli-it", "X1=1", "X2=2").code());
        Run unsetTwo = pvdify("config:unset", "cli-it", "X1", "X2");
        assertEquals(0, unsetTwo.code(), unsetTwo.toString());
        assertEquals(ExitCodes.NOT_FOUND, pvdify("config:get", "cli-it", "X2").code());

        Run releases = pvdify("releases", "cli-it", "--json");
        assertEquals(0, releases.code(), releases.toString());
        List<Release> rs = JSON.read(releases.out(), ApiJson.listOf(Release.class));
        assertFalse(rs.isEmpty(), "config changes make releases: " + releases.out());

        Run add = pvdify("domains:add", "cli-it", "cli-it.example.com");
        assertEquals(0, add.code(), add.toString());
        List<Domain> ds = JSON.read(pvdify("domains", "cli-it", "--json").out(), ApiJson.listOf(Domain.class));
        assertTrue(ds.stream().anyMatch(d -> d.hostname().equals("cli-it.example.com")), ds.toString());
        assertEquals(0, pvdify("domains:remove", "cli-it", "cli-it.example.com").code());

        Run tc = pvdify("tokens:create", "--app", "cli-it", "--description", "CI", "--json");
        assertEquals(0, tc.code(), tc.toString());
        CreatedToken created = JSON.read(tc.out(), CreatedToken.class);
        List<Token> tokens = JSON.read(pvdify("tokens", "--json").out(), ApiJson.listOf(Token.class));
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
        // An image that does not exist: the pull (before the app's turn) fails the operation; no release is made.
        Run d = pvdify("deploy", "cli-it-deploy", "-i", "localhost/pvdify-cli-it/none:1");
        assertEquals(ExitCodes.DEPLOY_FAILED, d.code(), d.toString());
        assertTrue(d.out().contains("-----> Pulling image"), d.toString());
        assertTrue(d.err().contains("Deploy of localhost/pvdify-cli-it/none:1 failed"), d.toString());
        assertEquals(ExitCodes.NOT_FOUND, pvdify("releases:info", "cli-it-deploy", "v1").code());
        Run ops = pvdify("operations", "cli-it-deploy", "--json");
        assertEquals(0, ops.code(), ops.toString());
        assertTrue(ops.out().contains("\"state\" : \"failed\""), ops.out());
        Run ps = pvdify("ps", "cli-it-deploy", "--json");
        assertEquals(0, ps.code(), ps.toString());
        JSON.read(ps.out(), win.pvdify.api.Processes.class);
        Run logs = pvdify("logs", "cli-it-deploy", "-n", "5", "--json");
        assertEquals(0, logs.code(), logs.toString());
        JSON.read(logs.out(), ApiJson.listOf(String.class));
    }

    @Test
    void registryLoginsRoundTripThroughTheRealDaemonAndCloudflareSaysItIsNotConfigured() throws Exception {
        String secret = "cli-it-registry-password";
        Run add = pvdifyWithInput(Map.of(), secret + "\n", "registries:add", "registry.cli-it.test:5000", "-u", "ci",
                "--password-stdin");
        assertEquals(0, add.code(), add.toString());
        Run list = pvdify("registries", "--json");
        assertEquals(0, list.code(), list.toString());
        assertTrue(list.out().contains("\"registry\" : \"registry.cli-it.test:5000\""), list.out());
        assertTrue(!list.out().contains(secret), list.out());
        assertEquals(0, pvdify("registries:remove", "registry.cli-it.test:5000", "--confirm",
                "registry.cli-it.test:5000").code());
        assertEquals(ExitCodes.NOT_FOUND, pvdify("registries:remove", "registry.cli-it.test:5000", "--confirm",
                "registry.cli-it.test:5000").code());
        Run zones = pvdify("cloudflare:zones");
        assertEquals(ExitCodes.ERROR, zones.code(), zones.toString());
        assertTrue(zones.err().contains("Cloudflare is not configured"), zones.toString());
    }

    /**
     * `pvdify run` through the real launcher under a pseudo-terminal (`script`), against real Podman: a shell
     * that reads what is typed, sees the config, this run's --env and the terminal's size, and whose exit code
     * is the CLI's. Then piped stdin without a terminal, bad input, a detached run whose output is in `pvdify
     * logs -p run`, ps listing a one-off and ps:stop stopping it.
     */
    @Test
    void oneOffRunsAttachToATerminalPipeStdinAndRunDetached() throws Exception {
        String app = "cli-it-oneoff";
        assertEquals(0, pvdify("apps:create", app).code());
        assertEquals(0, pvdify("config:set", app, "SECRET=s3cr3t").code());
        Run d = pvdify("deploy", app, "-i", "localhost/pvdify-test/web:1");
        assertEquals(0, d.code(), d.toString());

        // a terminal: script gives the CLI a pty of 33x77; we type into it as a person would
        ProcessBuilder pb = new ProcessBuilder("script", "-qec", "stty rows 33 cols 77; "
                + System.getProperty("pvdify.launcher", "bin/pvdify") + " run " + app + " --env EXTRA=x -- sh",
                "/dev/null").redirectErrorStream(true);
        pb.environment().remove("PVDIFY_TOKEN");
        pb.environment().put("PVDIFY_API_URL", listeningUrl());
        pb.environment().put("PVDIFY_DATA_DIR", dir.resolve("data").toString());
        pb.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        Process tty = pb.start();
        StringBuffer screen = new StringBuffer();
        Thread.ofVirtual().start(() -> {
            try (var in = tty.getInputStream()) {
                byte[] b = new byte[4096];
                for (int n; (n = in.read(b)) >= 0; ) {
                    screen.append(new String(b, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException ignored) {
                // ended
            }
        });
        var keys = tty.getOutputStream();
        awaitTrue(() -> screen.toString().contains("# "), "the remote shell's prompt: " + screen);
        keys.write("echo \"got-$SECRET-$EXTRA-$DYNO\"; stty size\r".getBytes(StandardCharsets.UTF_8));
        keys.flush();
        awaitTrue(() -> screen.toString().contains("got-s3cr3t-x-run.1") && screen.toString().contains("33 77"),
                "the shell answered: " + screen);
        keys.write("exit 42\r".getBytes(StandardCharsets.UTF_8));
        keys.flush();
        assertTrue(tty.waitFor(60, TimeUnit.SECONDS), "pvdify run ended: " + screen);
        assertEquals(42, tty.exitValue(), "the command's exit code: " + screen);
        assertTrue(screen.toString().contains("Running `sh` on " + app + "... up, run.1"), screen.toString());

        // stdin piped: no terminal, EOF ends the input
        Run piped = pvdifyWithInput(Map.of(), "hello\nworld\n", "run", app, "--", "sh", "-c",
                "read line; echo \"piped-$line-$DYNO\"; cat; exit 5");
        assertEquals(5, piped.code(), piped.toString());
        assertTrue(piped.out().contains("piped-hello-run.2\nworld\n"), piped.toString());

        // a 10 MB paste streams through to the command, all of it
        Run paste = pvdifyWithInput(Map.of(), "x".repeat(10 * 1024 * 1024), "run", app, "--", "busybox", "wc",
                "-c");
        assertEquals(0, paste.code(), paste.err());
        assertEquals("10485760", paste.out().strip());

        // bad input: clear CLI errors, nothing started
        Run noCommand = pvdify("run", app);
        assertEquals(ExitCodes.USAGE, noCommand.code(), noCommand.toString());
        Run forcedTty = pvdify("run", app, "--tty", "--", "sh");
        assertEquals(ExitCodes.USAGE, forcedTty.code(), forcedTty.toString());
        assertTrue(forcedTty.err().contains("--tty needs a terminal"), forcedTty.toString());
        Run unknown = pvdify("run", app, "--release", "v99", "--", "sh");
        assertEquals(ExitCodes.NOT_FOUND, unknown.code(), unknown.toString());
        assertTrue(unknown.err().contains("no release v99"), unknown.toString());
        Run badEnv = pvdify("run", app, "-e", "A;B=1", "--", "sh");
        assertEquals(ExitCodes.USAGE, badEnv.code(), badEnv.toString());

        // detached: output in the logs as run.N
        Run detached = pvdify("run", app, "--detached", "--", "sh", "-c", "echo \"detached-out-$DYNO\"");
        assertEquals(0, detached.code(), detached.toString());
        assertTrue(detached.out().contains("run.4 (detached)"), detached.toString());
        awaitTrue(() -> pvdify("logs", app, "-p", "run").out().contains("app[run.4]: detached-out-run.4"),
                "the detached run's output in pvdify logs -p run");

        // ps lists a running one-off; ps:stop stops it
        assertEquals(0, pvdify("run", app, "--detached", "--", "sleep", "300").code());
        Run ps = pvdify("ps", app);
        assertTrue(ps.out().contains("run.5") && ps.out().contains("sleep 300"), ps.toString());
        Run stop = pvdify("ps:stop", app, "run.5");
        assertEquals(0, stop.code(), stop.toString());
        awaitTrue(() -> !pvdify("ps", app).out().contains("run.5"), "run.5 is gone from ps");
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

    @Test
    void loginStoresThePrivateFileThatLaterCommandsUseAndLogoutRemovesIt() throws Exception {
        String admin = Files.readString(dir.resolve("data/admin-token")).strip();
        Path config = dir.resolve("login-config");
        // no URL, token or data dir in the environment: only what login stores can reach the daemon
        Map<String, String> bare = Map.of("PVDIFY_API_URL", "", "PVDIFY_DATA_DIR", dir.resolve("none").toString(),
                "XDG_CONFIG_HOME", config.toString());
        Run refused = pvdifyWithInput(Map.of("XDG_CONFIG_HOME", config.toString()), "pvd_wrong\n", "login");
        assertEquals(ExitCodes.UNAUTHORIZED, refused.code(), refused.toString());
        assertFalse(Files.exists(config.resolve("pvdify/credentials")), "a refused token is not stored");

        Run login = pvdifyWithInput(Map.of("XDG_CONFIG_HOME", config.toString()), admin + "\n", "login");
        assertEquals(0, login.code(), login.toString());
        assertFalse(login.out().contains(admin) || login.err().contains(admin), "the token is never printed");
        Path credentials = config.resolve("pvdify/credentials");
        assertEquals(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"),
                Files.getPosixFilePermissions(credentials));

        Run who = pvdify(bare, "whoami", "--json");
        assertEquals(0, who.code(), who.toString());
        assertEquals("admin", JSON.read(who.out(), win.pvdify.api.Whoami.class).kind());
        Run status = pvdify(bare, "status", "--json");
        assertEquals(0, status.code(), status.toString());
        assertTrue(JSON.read(status.out(), win.pvdify.api.SystemStatus.class).checks().size() > 0,
                status.out());

        Run logout = pvdify(bare, "logout");
        assertEquals(0, logout.code(), logout.toString());
        assertFalse(Files.exists(credentials));
        Run after = pvdify(Map.of("PVDIFY_API_URL", listeningUrl(), "PVDIFY_DATA_DIR", dir.resolve("none").toString(),
                "XDG_CONFIG_HOME", config.toString()), "apps");
        assertEquals(ExitCodes.UNAUTHORIZED, after.code(), after.toString());
    }

    @Test
    void completionScriptsComeFromTheCommandModel() throws Exception {
        Run bash = pvdify("completion", "bash");
        assertEquals(0, bash.code(), bash.toString());
        assertTrue(bash.out().contains("complete -F") && bash.out().contains("ps:scale"), bash.out());
        Run zsh = pvdify("completion", "zsh");
        assertEquals(0, zsh.code(), zsh.toString());
        assertTrue(zsh.out().contains("compdef") || zsh.out().contains("bashcompinit"), zsh.out());
    }

    @Test
    void realDynosDeployScaleRestartLogsConfigRollbackDomainsAndDelete() throws Exception {
        String app = "cli-it-run";
        assertEquals(0, pvdify("apps:create", app).code());

        Run d = pvdify("deploy", app, "-i", "localhost/pvdify-test/web:1", "-d", "first");
        assertEquals(0, d.code(), d.toString());
        assertTrue(d.out().contains("Deploying localhost/pvdify-test/web:1 to " + app), d.out());
        assertTrue(d.out().contains("-----> "), "progress lines: " + d.out());
        assertTrue(d.out().contains("Released v1"), d.out());
        awaitDynos(app, ds -> upCount(ds, "web") == 1, "web.1 up");
        Run table = pvdify("ps", app);
        assertEquals(0, table.code(), table.toString());
        assertTrue(table.out().contains("web.1") && table.out().contains("up"), table.out());
        awaitTrue(() -> dynos(app).stream().anyMatch(x -> x.memoryBytes() != null && x.memoryBytes() > 0
                && x.cpuPercent() != null), "ps shows the running dyno's CPU and memory");
        Run withUsage = pvdify("ps", app);
        assertTrue(Pattern.compile("\\d+(\\.\\d)?% +\\d+(\\.\\d)? [KMG]?i?B").matcher(withUsage.out()).find(),
                "the table's CPU and Memory columns: " + withUsage.out());

        Run scale = pvdify("ps:scale", app, "web=2");
        assertEquals(0, scale.code(), scale.toString());
        awaitDynos(app, ds -> upCount(ds, "web") == 2 && ds.size() == 2, "web.1 and web.2 up");

        List<win.pvdify.api.Dyno> before = dynos(app);
        Run restart = pvdify("ps:restart", app);
        assertEquals(0, restart.code(), restart.toString());
        awaitDynos(app, ds -> upCount(ds, "web") == 2 && ds.size() == 2 && ds.stream().anyMatch(x ->
                before.stream().noneMatch(b -> b.name().equals(x.name()) && java.util.Objects.equals(
                        b.startedAt(), x.startedAt()))), "web dynos restarted and up");

        // the app's own output reaches `logs` in Heroku format
        awaitTrue(() -> {
            Run logs = pvdify("logs", app, "-n", "50");
            return logs.code() == 0 && logs.out().contains("app[web.") && logs.out().contains("web v1 listening");
        }, "logs -n shows the app's lines");
        followShowsLinesUntilInterrupted(app);
        Run logsJson = pvdify("logs", app, "-n", "5", "--json");
        assertEquals(0, logsJson.code(), logsJson.toString());
        assertTrue(JSON.<List<String>>read(logsJson.out(), ApiJson.listOf(String.class)).size() <= 5, logsJson.out());

        Run set = pvdify("config:set", app, "GREETING=hello world");
        assertEquals(0, set.code(), set.toString());
        assertEquals("hello world\n", pvdify("config:get", app, "GREETING").out());
        Map<String, String> revealed = JSON.read(pvdify("config", app, "--json", "--reveal").out(),
                ApiJson.mapOf(String.class));
        assertEquals("hello world", revealed.get("GREETING"));
        assertEquals(0, pvdify("config:unset", app, "GREETING").code());
        assertEquals(ExitCodes.NOT_FOUND, pvdify("config:get", app, "GREETING").code());
        List<Release> rs = releases(app);
        assertEquals(3, rs.size(), "deploy, set and unset make v1..v3: " + rs);
        assertTrue(rs.stream().noneMatch(r -> r.status().equals("failed")), rs.toString());
        awaitDynos(app, ds -> ds.size() == 2 && ds.stream().allMatch(x -> x.release() == 3 && "up".equals(x.state())),
                "both web dynos up on v3");

        Run back = pvdify("rollback", app, "v1");
        assertEquals(0, back.code(), back.toString());
        List<Release> after = releases(app);
        Release newest = after.stream().max(java.util.Comparator.comparingInt(Release::version)).orElseThrow();
        assertEquals(4, newest.version(), after.toString());
        assertTrue(newest.description().contains("Rollback to v1"), newest.toString());
        assertEquals("current", newest.status(), newest.toString());
        awaitDynos(app, ds -> ds.size() == 2 && ds.stream().allMatch(x -> x.release() == 4 && "up".equals(x.state())),
                "both web dynos up on v4");

        Run add = pvdify("domains:add", app, "www.cli-it-run.example.com");
        assertEquals(0, add.code(), add.toString());
        List<Domain> domains = JSON.read(pvdify("domains", app, "--json").out(), ApiJson.listOf(Domain.class));
        assertTrue(domains.stream().anyMatch(x -> x.hostname().equals("www.cli-it-run.example.com")),
                domains.toString());
        assertEquals(0, pvdify("domains:remove", app, "www.cli-it-run.example.com").code());
        domains = JSON.read(pvdify("domains", app, "--json").out(), ApiJson.listOf(Domain.class));
        assertTrue(domains.stream().noneMatch(x -> x.hostname().equals("www.cli-it-run.example.com")),
                domains.toString());

        Run del = pvdify("apps:delete", app, "--confirm", app);
        assertEquals(0, del.code(), del.toString());
        assertEquals(ExitCodes.NOT_FOUND, pvdify("apps:info", app).code());
        awaitTrue(() -> containers(app).isEmpty(), "the app's containers are gone");
    }

    @Test
    void aDeployThatNeverBecomesHealthyExits5WithTheReason() throws Exception {
        String app = "cli-it-bad";
        assertEquals(0, pvdify("apps:create", app).code());
        Run d = pvdify("deploy", app, "-i", "localhost/pvdify-test/unhealthy");
        assertEquals(ExitCodes.DEPLOY_FAILED, d.code(), d.toString());
        assertTrue(d.err().contains("Deploy of localhost/pvdify-test/unhealthy failed"), d.toString());
        Release v1 = JSON.read(pvdify("releases:info", app, "v1", "--json").out(), Release.class);
        assertEquals("failed", v1.status(), v1.toString());
        assertTrue(v1.failureReason() != null && !v1.failureReason().isBlank(), v1.toString());
        assertTrue(d.err().contains(v1.failureReason().lines().findFirst().orElseThrow().strip()),
                "the reason is printed: " + d);
        awaitTrue(() -> containers(app).isEmpty(), "the failed release's dynos are stopped");
        assertEquals(0, pvdify("apps:delete", app, "--confirm", app).code());
    }

    /**
     * A deploy with real dynos follows its operation through a proxy that cuts the event stream twice: every
     * progress line arrives once; then a deploy interrupted with SIGINT detaches (exit 130), goes on on the server,
     * and operations:wait follows it to its end.
     */
    @Test
    void deployFollowsItsOperationReattachesAndDetachesOnCtrlC() throws Exception {
        String app = "cli-it-ops";
        assertEquals(0, pvdify("apps:create", app).code());
        int port = java.net.URI.create(listeningUrl()).getPort();
        Run whole;
        try (win.pvdify.fakes.CuttingProxy proxy = new win.pvdify.fakes.CuttingProxy(port, "/events", 600, 2)) {
            whole = pvdify(Map.of("PVDIFY_API_URL", proxy.url()), "deploy", app, "-i", "localhost/pvdify-test/web:1");
            assertEquals(0, whole.code(), whole + "\nproxy: " + proxy.seen);
            assertEquals(2, proxy.cut(), proxy.seen.toString());
            assertTrue(proxy.seen.size() >= 3 && !proxy.seen.get(2).endsWith("last-event-id=-"),
                    "re-attached from the last event seen: " + proxy.seen);
        }
        assertTrue(whole.out().contains("Released v1"), whole.out());
        List<String> lines = whole.out().lines().filter(l -> l.startsWith("-----> ")).toList();
        assertEquals(lines.size(), new java.util.HashSet<>(lines).size(), "no line twice: " + whole.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("-----> Health check")), whole.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("-----> Switching traffic")), whole.out());

        ProcessBuilder pb = new ProcessBuilder(System.getProperty("pvdify.launcher", "bin/pvdify"), "deploy", app,
                "-i", "localhost/pvdify-test/web:2");
        pb.environment().remove("PVDIFY_TOKEN");
        pb.environment().put("PVDIFY_API_URL", listeningUrl());
        pb.environment().put("PVDIFY_DATA_DIR", dir.resolve("data").toString());
        pb.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        Process deploy = pb.start();
        List<String> out = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = deploy.inputReader(StandardCharsets.UTF_8)) {
                String line;
                while ((line = r.readLine()) != null) {
                    out.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        awaitTrue(() -> out.stream().anyMatch(l -> l.startsWith("-----> ")), () -> "a progress line: " + out);
        new ProcessBuilder("kill", "-INT", String.valueOf(deploy.pid())).start().waitFor();
        assertTrue(deploy.waitFor(30, TimeUnit.SECONDS), "Ctrl-C ends the command");
        reader.join(10_000);
        String err = new String(deploy.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(ExitCodes.INTERRUPTED, deploy.exitValue(), out + "\n" + err);
        Matcher m = Pattern.compile("pvdify operations:wait (\\d+)").matcher(err);
        assertTrue(m.find(), err);
        Run wait = pvdify("operations:wait", m.group(1));
        assertEquals(0, wait.code(), wait.toString());
        assertTrue(wait.out().contains("Done, v2"), wait.out());
        Run ops = pvdify("operations", app);
        assertTrue(ops.out().contains("Deploy localhost/pvdify-test/web:2"), ops.out());
        assertEquals(0, pvdify("apps:delete", app, "--confirm", app).code());
    }

    /** `logs -f` prints the app's lines as they come and keeps streaming until it is interrupted. */
    private void followShowsLinesUntilInterrupted(String app) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(System.getProperty("pvdify.launcher", "bin/pvdify"), "logs", app,
                "-f", "-n", "20");
        pb.environment().remove("PVDIFY_TOKEN");
        pb.environment().put("PVDIFY_API_URL", listeningUrl());
        pb.environment().put("PVDIFY_DATA_DIR", dir.resolve("data").toString());
        pb.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        Process follow = pb.redirectErrorStream(true).start();
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = follow.inputReader(StandardCharsets.UTF_8)) {
                String line;
                while ((line = r.readLine()) != null) {
                    seen.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        try {
            awaitTrue(() -> seen.stream().anyMatch(l -> l.contains("app[web.")), () -> "logs -f shows lines: " + seen);
            // a restart makes new lines while the follow runs: they arrive on the open stream
            int before = seen.size();
            assertEquals(0, pvdify("ps:restart", app).code());
            awaitTrue(() -> seen.size() > before && seen.subList(before, seen.size()).stream()
                    .anyMatch(l -> l.contains("web v1 listening")), () -> "new lines while following: " + seen);
            assertTrue(follow.isAlive(), "logs -f keeps streaming: " + seen);
        } finally {
            follow.destroy(); // SIGTERM, as an interrupt ends it
            assertTrue(follow.waitFor(30, TimeUnit.SECONDS), "logs -f ends when interrupted");
            reader.join(10_000);
        }
        awaitDynos(app, ds -> upCount(ds, "web") == 2 && ds.size() == 2, "web dynos up again after the restart");
    }

    private List<win.pvdify.api.Dyno> dynos(String app) throws Exception {
        Run ps = pvdify("ps", app, "--json");
        assertEquals(0, ps.code(), ps.toString());
        return JSON.read(ps.out(), win.pvdify.api.Processes.class).dynos();
    }

    private List<Release> releases(String app) throws Exception {
        Run r = pvdify("releases", app, "--json");
        assertEquals(0, r.code(), r.toString());
        return JSON.read(r.out(), ApiJson.listOf(Release.class));
    }

    private static long upCount(List<win.pvdify.api.Dyno> ds, String type) {
        return ds.stream().filter(x -> type.equals(x.type()) && "up".equals(x.state())).count();
    }

    /** Polls `ps --json` (generous timeout for a loaded box) until the dynos satisfy the condition. */
    private void awaitDynos(String app, Predicate<List<win.pvdify.api.Dyno>> ok, String what) throws Exception {
        List<List<win.pvdify.api.Dyno>> last = new ArrayList<>(List.of(List.of()));
        awaitTrue(() -> {
            List<win.pvdify.api.Dyno> ds = dynos(app);
            last.set(0, ds);
            return ok.test(ds);
        }, () -> what + " (last ps: " + last.get(0) + ")");
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private static void awaitTrue(Check check, String what) throws Exception {
        awaitTrue(check, () -> what);
    }

    private static void awaitTrue(Check check, java.util.function.Supplier<String> what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what.get());
            }
            Thread.sleep(500); // polling interval, not synchronisation
        }
    }
}
