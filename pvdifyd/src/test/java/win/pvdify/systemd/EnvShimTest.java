package win.pvdify.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real env shim (packaging/env-shim, built here with gcc as the set-up scripts build it) reads an env file
 * exactly as EnvFileRenderer wrote it and EnvFileRenderer.parse / `podman run --env-file` read it, then execs
 * the command with that environment.
 */
class EnvShimTest {
    static Path shim;

    @BeforeAll
    static void build() throws Exception {
        shim = Path.of("target/pvdify-env-shim").toAbsolutePath();
        Path script = Path.of("../packaging/env-shim/build.sh").toAbsolutePath();
        Process p = new ProcessBuilder("bash", script.toString(), shim.toString()).inheritIO().start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "build.sh failed");
    }

    @Test
    void valuesArriveByteForByte() throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PLAIN", "hello");
        env.put("QUOTES", "\"double\" 'single' `back`");
        env.put("SHELLY", "$HOME ${X} $(rm -rf /) ; | & # not a comment");
        env.put("EQUALS", "a=b==c=");
        env.put("SPACES", "  lead and trail  ");
        env.put("BACKSLASH", "C:\\path\\n not a newline");
        env.put("UNICODE", "grüße ✓");
        env.put("EMPTY", "");
        env.put("PORT", "5000");
        Path file = Path.of("target/envshim-test.env");
        Files.writeString(file, EnvFileRenderer.render(env));
        Map<String, String> seen = run(file);
        env.forEach((k, v) -> assertEquals(v, seen.get(k), k));
        assertEquals(EnvFileRenderer.parse(Files.readString(file)), pick(seen, env.keySet()));
    }

    @Test
    void readsWhatPodmanReadsFromHandWrittenFiles() throws Exception {
        Path file = Path.of("target/envshim-test2.env");
        Files.writeString(file, "# comment\n\n   INDENTED=yes\nCRLF=x\r\n=novalue\nNOEQUALS\nLAST=no newline");
        Map<String, String> seen = run(file);
        Map<String, String> podman = EnvFileRenderer.parse(Files.readString(file));
        assertEquals(podman, pick(seen, podman.keySet()));
        assertEquals("x", seen.get("CRLF"));
    }

    @Test
    void aMissingFileOrCommandFailsLoudly() throws Exception {
        Process p = new ProcessBuilder(shim.toString(), "/nonexistent.env", "--", "/usr/bin/env").start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(125, p.exitValue());
        Path file = Path.of("target/envshim-test3.env");
        Files.writeString(file, "A=1\n");
        p = new ProcessBuilder(shim.toString(), file.toString(), "--", "/no/such/command").start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(127, p.exitValue());
    }

    private static Map<String, String> run(Path file) throws IOException, InterruptedException {
        // env -0: NUL-separated, so values are split exactly
        ProcessBuilder pb = new ProcessBuilder(shim.toString(), file.toString(), "--", "env", "-0");
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/bin:/bin");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        Map<String, String> env = new LinkedHashMap<>();
        for (String kv : out.split("\0")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                env.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return env;
    }

    private static Map<String, String> pick(Map<String, String> env, java.util.Set<String> keys) {
        Map<String, String> out = new LinkedHashMap<>();
        keys.forEach(k -> out.put(k, env.get(k)));
        return out;
    }

}
