package win.pvdify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import win.pvdify.Daemon;
import win.pvdify.podman.PodmanImageBuilder;
import win.pvdify.podman.PodmanSocketApi;

/**
 * deploy --source and the builds commands against the real daemon whose builder is the host's Podman (the test
 * images of scripts/test-images.sh; skipped where that Podman service is not running).
 */
class BuildCommandsTest extends WithRealDaemon {
    static final Path SOCKET = PodmanSocketApi.SYSTEM_SOCKET;

    @Override
    Consumer<Daemon.Builder> wiring() {
        return b -> b.imageBuilder(p -> new PodmanImageBuilder(new PodmanSocketApi(SOCKET)));
    }

    /** The images these tests built on the host's Podman go again. */
    @org.junit.jupiter.api.AfterEach
    void removeBuiltImages() {
        try (PodmanSocketApi api = new PodmanSocketApi(SOCKET)) {
            for (int n = 1; n <= 3; n++) {
                api.removeImage("localhost/pvdify/my-app:build-" + n);
            }
        } catch (RuntimeException e) {
            // no Podman here: nothing was built
        }
    }

    static void podmanHere() {
        boolean up;
        try (PodmanSocketApi api = new PodmanSocketApi(SOCKET)) {
            up = api.imageExists("localhost/pvdify-test/web:1");
        } catch (RuntimeException e) {
            up = false;
        }
        assumeTrue(up, "the host Podman service with the test images (scripts/test.sh starts it)");
    }

    Path source(String dockerfile) throws Exception {
        Path dir = home.resolve("src");
        Files.createDirectories(dir.resolve("node_modules"));
        Files.writeString(dir.resolve("Dockerfile"), dockerfile);
        Files.writeString(dir.resolve(".gitignore"), "node_modules/\n*.log\n");
        Files.writeString(dir.resolve(".pvdifyignore"), "secret.txt\n");
        Files.writeString(dir.resolve("node_modules/big.js"), "x");
        Files.writeString(dir.resolve("debug.log"), "x");
        Files.writeString(dir.resolve("secret.txt"), "x");
        Files.writeString(dir.resolve("app.sh"), "echo hi");
        return dir;
    }

    @Test
    void deployFromSourceBuildsFollowsAndReleases() throws Exception {
        podmanHere();
        Path dir = source("FROM localhost/pvdify-test/web:1\nCOPY app.sh /www/app.sh\nRUN echo cli-step-ran\n"
                + "RUN test ! -e /www/secret.txt\n");
        CliRun.Result r = cli.run("deploy", "my-app", "--source", dir.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("Uploading 4 files"), r.out()); // Dockerfile, .gitignore, .pvdifyignore, app.sh
        assertTrue(r.out().contains("-----> Building with Dockerfile"), r.out());
        assertTrue(r.out().contains("cli-step-ran"), r.out());
        assertTrue(r.out().contains("Released v1"), r.out());

        CliRun.Result list = cli.run("builds", "-a", "my-app");
        assertEquals(0, list.code(), list.toString());
        assertTrue(list.out().contains("succeeded") && list.out().contains("upload"), list.out());
        CliRun.Result info = cli.run("builds:info", "-a", "my-app", "1");
        assertTrue(info.out().contains("localhost/pvdify/my-app:build-1"), info.out());
        CliRun.Result output = cli.run("builds:output", "-a", "my-app", "1");
        assertTrue(output.out().contains("cli-step-ran"), output.out());
        CliRun.Result cancel = cli.run("builds:cancel", "-a", "my-app", "1");
        assertEquals(ExitCodes.ERROR, cancel.code(), cancel.toString()); // 409
        assertTrue(cancel.err().contains("has already ended"), cancel.err());
    }

    @Test
    void aFailingBuildExitsWithTheDeployFailureCode() throws Exception {
        podmanHere();
        CliRun.Result r = cli.run("deploy", "my-app", "--source", source("FROM localhost/pvdify-test/web:1\n"
                + "RUN echo going-down && false\n").toString());
        assertEquals(ExitCodes.DEPLOY_FAILED, r.code(), r.toString());
        assertTrue(r.out().contains("going-down"), r.out());
        assertTrue((r.out() + r.err()).contains("build failed"), r.toString());
    }

    @Test
    void usageErrors() {
        assertEquals(ExitCodes.USAGE, cli.run("deploy", "my-app", "-i", "x:1", "--source", ".").code());
        assertEquals(ExitCodes.USAGE, cli.run("deploy", "my-app", "--source", home.resolve("nope").toString()).code());
        assertEquals(ExitCodes.USAGE, cli.run("builds:info", "-a", "my-app", "abc").code());
        assertEquals(ExitCodes.NOT_FOUND, cli.run("builds:info", "-a", "my-app", "9").code());
    }

    @Test
    void packHonoursTheIgnoreFilesAndWritesAValidTar() throws Exception {
        Path dir = source("FROM scratch\n");
        Files.writeString(dir.resolve("a".repeat(120) + ".txt"), "long name");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SourcePack.Packed p = SourcePack.pack(dir, out);
        assertEquals(5, p.files());
        Path tgz = home.resolve("p.tar.gz");
        Files.write(tgz, out.toByteArray());
        Process tar = new ProcessBuilder("tar", "-tzf", tgz.toString()).redirectErrorStream(true).start();
        String listing = new String(tar.getInputStream().readAllBytes());
        assertEquals(0, tar.waitFor(), listing);
        List<String> names = new ArrayList<>(List.of(listing.strip().split("\n")));
        names.sort(null);
        assertEquals(List.of(".gitignore", ".pvdifyignore", "Dockerfile", "a".repeat(120) + ".txt", "app.sh"), names);
        try (var in = new GZIPInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            assertTrue(in.readAllBytes().length % 512 == 0);
        }
        SourceIgnore ig = new SourceIgnore().add("/build\n**/tmp/\n!keep.log\n*.log\n!important.log\n");
        assertTrue(ig.ignored("build", true));
        assertFalse(ig.ignored("src/build", true));
        assertTrue(ig.ignored("a/b/tmp", true));
        assertFalse(ig.ignored("a/b/tmp", false));
        assertTrue(ig.ignored("x/debug.log", false));
        assertFalse(ig.ignored("important.log", false));
        assertTrue(ig.ignored(".git/config", false));
    }

    @Test
    void theGitCredentialHelperAnswersTheTokenForGet() {
        CliRun.Result get = cli.run("git:credentials", "get");
        assertEquals(0, get.code(), get.toString());
        assertEquals("username=pvdify\npassword=" + daemon.adminToken + "\n", get.out());
        CliRun.Result store = cli.run("git:credentials", "store");
        assertEquals(0, store.code());
        assertEquals("", store.out());
        assertEquals("https://api.example.com/git/shop.git", GitCommands.url("https://api.example.com/", "shop"));
    }
}
