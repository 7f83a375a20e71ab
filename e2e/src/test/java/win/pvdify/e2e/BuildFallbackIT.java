package win.pvdify.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import win.pvdify.api.Build;
import win.pvdify.api.CreateApp;
import win.pvdify.api.Dyno;
import win.pvdify.api.Release;
import win.pvdify.api.client.ApiException;
import win.pvdify.api.client.PvdifyClient;

/**
 * Builds from source on the fallback (no systemd), end to end: the real pvdifyd jar, its own Podman service,
 * source tarballs made with tar(1) whose Dockerfiles start FROM the local test image (no registry). A build makes a
 * release that serves what it built; a failing build fails with the builder's reason and the old release keeps
 * serving; a rollback brings the earlier build back; hostile tarballs are refused.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BuildFallbackIT {
    static final String APP = "bld-web";
    static final Path ENV_DIR = Path.of("/run/pvdify-e2e-bld/env");
    static final Duration LONG = Duration.ofSeconds(120);
    Path work;
    PodmanService podmanService;
    PvdifyDaemon daemon;

    @BeforeAll
    void boot() {
        work = Repo.workDir("build-fallback");
        Repo.pvdifydJar();
        podmanService = PodmanService.start("bld", work);
        int first = 47100 + (int) (ProcessHandle.current().pid() % 5) * 20;
        daemon = new PvdifyDaemon(List::of, work, Map.of(
                "--supervisor", "podman",
                "--podman-socket", podmanService.socket().toString(),
                "--unit-dir", work.resolve("units").toString(),
                "--env-dir", ENV_DIR.toString(),
                "--port-range", first + "-" + (first + 19),
                "--base-domain", "e2e.test",
                "--caddy-admin-url", "off",
                "--static-base-image", "localhost/pvdify-test/web:1"), Map.of());
        daemon.start();
        daemon.client().createApp(new CreateApp(APP, null));
    }

    @AfterAll
    void shutdown() {
        try {
            if (daemon != null) {
                daemon.close();
            }
        } finally {
            if (podmanService != null) {
                podmanService.close();
            }
        }
    }

    PvdifyClient api() {
        return daemon.client();
    }

    /** A source dir with these files, packed by tar(1). */
    Path source(String name, Map<String, String> files) {
        Path dir = work.resolve("src-" + name);
        try {
            Files.createDirectories(dir);
            for (var f : files.entrySet()) {
                Files.writeString(dir.resolve(f.getKey()), f.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path tar = work.resolve(name + ".tar");
        Cmd.ok("tar", "-C", dir.toString(), "-cf", tar.toString(), ".");
        return tar;
    }

    static String dockerfile(String page) {
        return "FROM localhost/pvdify-test/web:1\nRUN echo " + page + " > /www/index.html && echo step-output-" + page
                + "\n";
    }

    Build awaitEnd(Build b) {
        return Poll.value("build " + b.id() + " ends", LONG, () -> {
            Build now = api().build(APP, b.id());
            return now.ended() ? now : null;
        });
    }

    List<String> output(Build b) {
        List<String> lines = new ArrayList<>();
        api().buildOutput(APP, b.id(), false, lines::add);
        return lines;
    }

    String served() {
        Dyno web = Poll.value("web up", LONG, () -> api().ps(APP).dynos().stream()
                .filter(d -> "web".equals(d.type()) && "up".equals(d.state()) && d.port() != null).findFirst()
                .orElse(null));
        return Poll.value("HTTP 200 from web", LONG, () -> HttpChecks.body200(web.port(), "/"));
    }

    Release current() {
        return api().releases(APP).stream().filter(r -> "current".equals(r.status())).findFirst().orElse(null);
    }

    @Test
    @Order(1)
    void aDockerfileBuildIsReleasedAndServes() {
        Build started = api().startBuild(APP, source("one", Map.of("Dockerfile", dockerfile("built-one"))), null, null);
        assertEquals("pending", started.status());
        assertTrue(started.sourceVersion().startsWith("sha256:"), started::toString);
        List<String> followed = new ArrayList<>();
        api().buildOutput(APP, started.id(), true, followed::add);
        Build b = awaitEnd(started);
        assertEquals("succeeded", b.status(), () -> b + "\n" + String.join("\n", followed));
        assertEquals("localhost/pvdify/" + APP + ":build-1", b.image());
        assertEquals("dockerfile", b.builder());
        assertNotNull(b.release());
        assertTrue(followed.contains("-----> Building with Dockerfile"), () -> String.join("\n", followed));
        assertTrue(followed.contains("step-output-built-one"), () -> String.join("\n", followed));
        assertTrue(followed.stream().anyMatch(l -> l.startsWith("-----> Released v" + b.release())),
                () -> String.join("\n", followed));
        assertEquals(b.release(), current().version());
        assertTrue(current().image().startsWith(b.image()), current()::toString);
        assertEquals("built-one\n", served());
    }

    @Test
    @Order(2)
    void aFailingBuildFailsAndTheOldReleaseKeepsServing() {
        int before = current().version();
        Build b = awaitEnd(api().startBuild(APP, source("bad", Map.of("Dockerfile",
                "FROM localhost/pvdify-test/web:1\nRUN echo about-to-fail && false\n")), "0123456789abcdef", null));
        assertEquals("failed", b.status(), b::toString);
        assertEquals("0123456789abcdef", b.sourceVersion());
        assertTrue(b.error().contains("RUN echo about-to-fail && false"), b.error());
        assertEquals(null, b.release());
        assertTrue(output(b).contains("about-to-fail"), () -> String.join("\n", output(b)));
        assertEquals(before, current().version());
        assertEquals("built-one\n", served());
    }

    @Test
    @Order(3)
    void aSecondBuildThenARollbackBringsTheFirstBack() {
        Build two = awaitEnd(api().startBuild(APP, source("two", Map.of("Containerfile", dockerfile("built-two"),
                "Dockerfile", "FROM scratch\n")), null, null));
        assertEquals("succeeded", two.status(), two::toString);
        assertEquals("containerfile", two.builder());
        Poll.until("build two serves", LONG, () -> "built-two\n".equals(HttpChecks.body200(webPort(), "/")));
        api().rollback(APP, api().builds(APP).stream().filter(x -> x.id() == 1).findFirst().orElseThrow().release());
        Poll.until("build one serves again", LONG, () -> "built-one\n".equals(HttpChecks.body200(webPort(), "/")));
        assertEquals(List.of(3, 2, 1), api().builds(APP).stream().map(Build::id).toList());
    }

    int webPort() {
        return api().ps(APP).dynos().stream().filter(d -> "web".equals(d.type()) && "up".equals(d.state())
                && d.port() != null && d.release() == current().version()).findFirst().map(Dyno::port).orElse(-1);
    }

    @Test
    @Order(4)
    void hostileAndEmptySourcesAreRefused() throws IOException {
        Path dir = work.resolve("src-hostile");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\n");
        Files.createSymbolicLink(dir.resolve("escape"), Path.of("../../../etc"));
        Path tar = work.resolve("hostile.tar");
        Cmd.ok("tar", "-C", dir.toString(), "-cf", tar.toString(), ".");
        ApiException e = assertThrows(ApiException.class, () -> api().startBuild(APP, tar, null, null));
        assertEquals(422, e.status(), e.getMessage());
        assertTrue(e.getMessage().contains("points outside the source tree"), e.getMessage());
        Path abs = work.resolve("abs.tar");
        Cmd.ok("tar", "-P", "-cf", abs.toString(), dir.resolve("Dockerfile").toString());
        e = assertThrows(ApiException.class, () -> api().startBuild(APP, abs, null, null));
        assertEquals(422, e.status(), e.getMessage());
        Path none = source("none", Map.of("README.md", "hi"));
        e = assertThrows(ApiException.class, () -> api().startBuild(APP, none, null, null));
        assertEquals(422, e.status());
        assertTrue(e.getMessage().contains("nothing to build"), e.getMessage());
        assertEquals(3, api().builds(APP).size(), "refused uploads record no build");
    }

    /** git with the remote's URL carrying the credentials, in the test's repository; no global config is read. */
    Cmd.Result git(Path repo, String... args) {
        List<String> cmd = new ArrayList<>(List.of("env", "HOME=" + work, "GIT_CONFIG_NOSYSTEM=1",
                "GIT_TERMINAL_PROMPT=0", "git", "-C", repo.toString(), "-c", "user.name=Test", "-c",
                "user.email=test@example.com", "-c", "init.defaultBranch=main", "-c", "credential.helper="));
        cmd.addAll(List.of(args));
        return Cmd.run(cmd);
    }

    String remote(String user, String token, String app) {
        return "http://" + user + (token == null ? "" : ":" + token) + "@127.0.0.1:" + daemon.port() + "/git/" + app
                + ".git";
    }

    Path gitRepo(String name) throws IOException {
        Path repo = work.resolve("git-" + name);
        Files.createDirectories(repo);
        assertTrue(git(repo, "init", "-q").ok());
        return repo;
    }

    void commit(Path repo, String file, String content) throws IOException {
        Files.writeString(repo.resolve(file), content);
        assertTrue(git(repo, "add", "-A").ok());
        Cmd.Result r = git(repo, "commit", "-q", "-m", "change " + file);
        assertTrue(r.ok(), r.output());
    }

    @Test
    @Order(5)
    void gitPushToMainBuildsReleasesAndStreamsTheOutput() throws IOException {
        Path repo = gitRepo("push");
        commit(repo, "Dockerfile", dockerfile("pushed-one"));
        Cmd.Result push = git(repo, "push", remote("anyone", daemon.token(), APP), "main");
        assertEquals(0, push.exit(), push.output());
        String out = push.output();
        assertTrue(out.contains("remote: -----> Building with Dockerfile"), out);
        assertTrue(out.contains("remote: step-output-pushed-one"), out);
        assertTrue(out.matches("(?s).*remote: -----> Released v\\d+.*"), out);
        assertTrue(out.contains("remote:        https://" + APP + ".e2e.test deployed to Pvdify"), out);
        Build b = api().builds(APP).get(0);
        assertEquals("git", b.source());
        assertEquals("succeeded", b.status());
        assertEquals(git(repo, "rev-parse", "HEAD").output().strip(), b.sourceVersion());
        Poll.until("the pushed build serves", LONG, () -> "pushed-one\n".equals(HttpChecks.body200(webPort(), "/")));

        // a failing build rejects the push: git exits non-zero, the ref stays, the old release serves
        String repoDir = work.resolve("data/builds/" + APP + "/repo.git").toString();
        String before = Cmd.ok("git", "--git-dir", repoDir, "rev-parse", "refs/heads/main").strip();
        commit(repo, "Dockerfile", "FROM localhost/pvdify-test/web:1\nRUN echo push-fails && false\n");
        Cmd.Result bad = git(repo, "push", remote("anyone", daemon.token(), APP), "main");
        assertTrue(bad.exit() != 0, bad.output());
        assertTrue(bad.output().contains("remote: push-fails"), bad.output());
        assertTrue(bad.output().contains("The previous release keeps serving"), bad.output());
        assertTrue(bad.output().contains("[remote rejected] main -> main (pvdify build"), bad.output());
        assertEquals(before, Cmd.ok("git", "--git-dir", repoDir, "rev-parse", "refs/heads/main").strip());
        assertEquals("pushed-one\n", HttpChecks.body200(webPort(), "/"));

        // another branch is refused with the reason
        Cmd.Result branch = git(repo, "push", remote("anyone", daemon.token(), APP), "HEAD:refs/heads/feature");
        assertTrue(branch.exit() != 0, branch.output());
        assertTrue(branch.output().contains("only main or master deploy"), branch.output());
    }

    @Test
    @Order(6)
    void gitPushNeedsATokenThatMayDeployTheApp() throws IOException {
        Path repo = gitRepo("auth");
        commit(repo, "Dockerfile", dockerfile("never"));
        Cmd.Result none = git(repo, "push", remote("anyone", null, APP), "main");
        // a 401 with a Basic challenge: git asks for a password (no prompt here)
        assertTrue(none.exit() != 0 && none.output().contains("could not read Password"), none.output());
        Cmd.Result wrong = git(repo, "push", remote("anyone", "not-a-token", APP), "main");
        assertTrue(wrong.exit() != 0 && wrong.output().contains("Authentication failed"), wrong.output());
        api().createApp(new CreateApp("bld-other", null));
        String otherToken = api().createToken(new win.pvdify.api.CreateToken("deploy", "bld-other", "ci")).secret();
        Cmd.Result other = git(repo, "push", remote("ci", otherToken, APP), "main");
        assertTrue(other.exit() != 0 && other.output().contains("403"), other.output());
        Cmd.Result unknown = git(repo, "push", remote("anyone", daemon.token(), "bld-nope"), "main");
        assertTrue(unknown.exit() != 0 && unknown.output().contains("bld-nope.git/' not found"), unknown.output()); // 404
        // the other app's own deploy token may push to it
        Cmd.Result own = git(repo, "push", remote("ci", otherToken, "bld-other"), "main");
        assertEquals(0, own.exit(), own.output());
        assertEquals("succeeded", api().builds("bld-other").get(0).status());
    }

    static final String PROC = "bld-proc";
    static final String PROC_DOCKERFILE = "FROM localhost/pvdify-test/web:1\n"
            + "RUN /bin/busybox mkdir -p /www2 && echo procfile-web > /www2/index.html\n";

    Build buildOf(String app, String name, Map<String, String> files) {
        Build started = api().startBuild(app, source(name, files), null, null);
        return Poll.value("build " + started.id() + " of " + app + " ends", LONG, () -> {
            Build now = api().build(app, started.id());
            return now.ended() ? now : null;
        });
    }

    List<String> outputOf(String app, Build b) {
        List<String> lines = new ArrayList<>();
        api().buildOutput(app, b.id(), false, lines::add);
        return lines;
    }

    String servedBy(String app) {
        return Poll.value("HTTP 200 from " + app, LONG, () -> {
            Release cur = api().releases(app).stream().filter(r -> "current".equals(r.status())).findFirst()
                    .orElse(null);
            return cur == null ? null : api().ps(app).dynos().stream().filter(d -> "web".equals(d.type())
                    && "up".equals(d.state()) && d.port() != null && d.release() == cur.version())
                    .map(d -> HttpChecks.body200(d.port(), "/")).filter(java.util.Objects::nonNull).findFirst()
                    .orElse(null);
        });
    }

    @Test
    @Order(7)
    void procfileCommandsAndTheReleasePhaseWithTheNewConfig() {
        api().createApp(new CreateApp(PROC, null));
        api().setConfig(PROC, Map.of("GREETING", "hello-release"));
        Build b = buildOf(PROC, "proc-one", Map.of("Dockerfile", PROC_DOCKERFILE, "Procfile", """
                web: /bin/sh -c "exec httpd -f -p $PORT -h /www2"
                worker: /bin/sh -c "while true; do echo worker-tick; sleep 1; done"
                release: /bin/sh -c "echo release-phase-ran with $GREETING"
                """));
        List<String> out = outputOf(PROC, b);
        assertEquals("succeeded", b.status(), () -> b + "\n" + String.join("\n", out));
        assertTrue(out.stream().anyMatch(l -> l.contains("release-phase-ran with hello-release")),
                () -> String.join("\n", out));
        assertEquals("procfile-web\n", servedBy(PROC));
        var formation = api().ps(PROC).formation();
        assertEquals(List.of("web=1", "worker=0"), formation.stream().map(f -> f.type() + "=" + f.count()).toList());
        api().scale(PROC, List.of(new win.pvdify.api.FormationEntry("worker", 1, null)));
        Poll.until("a worker dyno up", LONG, () -> api().ps(PROC).dynos().stream()
                .anyMatch(d -> "worker".equals(d.type()) && "up".equals(d.state())));
    }

    @Test
    @Order(8)
    void aFailingReleasePhaseFailsTheBuildAndTheOldReleaseServes() {
        int before = api().releases(PROC).stream().filter(r -> "current".equals(r.status())).findFirst()
                .orElseThrow().version();
        Build b = buildOf(PROC, "proc-bad", Map.of("Dockerfile", PROC_DOCKERFILE + "RUN echo v2 > /www2/index.html\n",
                "Procfile", """
                web: /bin/sh -c "exec httpd -f -p $PORT -h /www2"
                release: /bin/sh -c "echo migrating; exit 3"
                """));
        List<String> out = outputOf(PROC, b);
        assertEquals("failed", b.status(), () -> b + "\n" + String.join("\n", out));
        assertTrue(b.error().contains("failed (exit 3)"), b.error());
        assertTrue(out.stream().anyMatch(l -> l.strip().equals("migrating")), () -> String.join("\n", out));
        Release failed = api().release(PROC, b.release());
        assertEquals("failed", failed.status(), failed::toString);
        assertEquals(before, api().releases(PROC).stream().filter(r -> "current".equals(r.status())).findFirst()
                .orElseThrow().version());
        assertEquals("procfile-web\n", servedBy(PROC));
        assertEquals(List.of("web=1", "worker=1"), api().ps(PROC).formation().stream()
                .map(f -> f.type() + "=" + f.count()).toList(), "the formation before the build is restored");
    }

    @Test
    @Order(9)
    void aMalformedProcfileIsRefusedWithItsLine() {
        ApiException e = assertThrows(ApiException.class, () -> api().startBuild(PROC, source("proc-malformed",
                Map.of("Dockerfile", PROC_DOCKERFILE, "Procfile", "web: ok\nthis line is wrong\n")), null, null));
        assertEquals(422, e.status());
        assertEquals("Procfile line 2: expected `type: command`", e.getMessage());
    }

    @Test
    @Order(10)
    void aBuildCancelledMidwayStopsAndTheOldReleaseServes() {
        int before = current().version();
        Build started = api().startBuild(APP, source("slow", Map.of("Dockerfile",
                "FROM localhost/pvdify-test/web:1\nRUN echo slow-step-started && sleep 60\n")), null, null);
        Poll.until("the slow step runs", LONG, () -> output(started).contains("slow-step-started"));
        long t0 = System.nanoTime();
        Build cancelled = api().cancelBuild(APP, started.id());
        Build end = Poll.value("the build ends", Duration.ofSeconds(30), () -> {
            Build now = api().build(APP, started.id());
            return now.ended() ? now : null;
        });
        assertEquals("cancelled", end.status(), () -> end + " / " + cancelled);
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(20).toNanos(), "cancelled well before the step ends");
        assertEquals(null, end.release());
        assertEquals(before, current().version());
        List<String> exists = new ArrayList<>(podmanService.podmanCommand());
        exists.addAll(List.of("image", "exists", end.image()));
        assertTrue(Cmd.run(exists).exit() != 0, "the cancelled build tagged no image");
    }

    @Test
    @Order(11)
    void deletingAnAppRemovesItsSourcesRepositoryAndImages() {
        Path dir = work.resolve("data/builds/" + PROC);
        assertTrue(Files.isDirectory(dir), dir::toString);
        List<String> images = api().builds(PROC).stream().map(Build::image).toList();
        api().deleteApp(PROC);
        Poll.until(PROC + " gone", LONG, () -> api().apps().stream().noneMatch(a -> a.name().equals(PROC)));
        assertTrue(!Files.exists(dir), "its build sources are gone");
        for (String image : images) {
            List<String> exists = new ArrayList<>(podmanService.podmanCommand());
            exists.addAll(List.of("image", "exists", image));
            assertTrue(Cmd.run(exists).exit() != 0, image + " was removed");
        }
    }

    @Test
    @Order(12)
    void gitPushThroughCaddyAtTheApiHostStreamsAsItGoes() throws Exception {
        int port = Repo.freePort();
        Path caddyfile = work.resolve("Caddyfile.api");
        // the api site of Caddyfile.example, on plain HTTP: everything to pvdifyd
        Files.writeString(caddyfile, "{\n\tadmin off\n\tauto_https off\n}\nhttp://api.e2e.test:" + port
                + " {\n\treverse_proxy 127.0.0.1:" + daemon.port() + "\n}\n");
        Process caddy = new ProcessBuilder("caddy", "run", "--config", caddyfile.toString(), "--adapter", "caddyfile")
                .redirectErrorStream(true).redirectOutput(work.resolve("caddy-api.log").toFile()).start();
        try {
            Poll.until("caddy on " + port, LONG, () -> HttpChecks.status(port, "/health") > 0);
            Path repo = gitRepo("caddy");
            commit(repo, "Dockerfile", dockerfile("through-caddy"));
            Cmd.Result push = git(repo, "-c", "http.curloptResolve=api.e2e.test:" + port + ":127.0.0.1", "push",
                    "http://x:" + daemon.token() + "@api.e2e.test:" + port + "/git/" + APP + ".git", "HEAD:main",
                    "--force");
            assertEquals(0, push.exit(), push.output());
            assertTrue(push.output().contains("remote: step-output-through-caddy"), push.output());
            Poll.until("the build pushed through Caddy serves", LONG,
                    () -> "through-caddy\n".equals(HttpChecks.body200(webPort(), "/")));
        } finally {
            caddy.destroy();
            caddy.waitFor();
        }
    }

    @Test
    @Order(13)
    void aStaticSiteWithoutADockerfileIsServedByTheStaticTemplate() {
        api().createApp(new CreateApp("bld-site", null));
        Build b = buildOf("bld-site", "site", Map.of("index.html", "<h1>static-site</h1>\n"));
        List<String> out = outputOf("bld-site", b);
        assertEquals("succeeded", b.status(), () -> b + "\n" + String.join("\n", out));
        assertEquals("static", b.builder());
        assertTrue(out.contains("-----> Building with the static template"), () -> String.join("\n", out));
        assertEquals("<h1>static-site</h1>\n", servedBy("bld-site"));
        ApiException node = assertThrows(ApiException.class, () -> api().startBuild("bld-site",
                source("node", Map.of("package.json", "{}", "index.js", "")), null, null));
        assertEquals(422, node.status());
        assertTrue(node.getMessage().contains("no node template yet"), node.getMessage());
    }
}
