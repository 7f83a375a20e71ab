package win.pvdify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import win.pvdify.api.CreateApp;
import win.pvdify.api.client.PvdifyClient;

/**
 * The shaded jar starts on its own, writes the admin token to its 0600 file (never to its output: that is the
 * journal, readable by group adm) and answers /health with the build version.
 */
class PvdifydJarIT {
    private static final Pattern TOKEN = Pattern.compile("first admin token in (\\S+)");
    private static final Pattern LISTEN = Pattern.compile("listening on (http://\\S+)");

    @Test
    void jarStartsServesAndStops() throws Exception {
        Path jar = Path.of("target", "pvdifyd.jar").toAbsolutePath();
        assertTrue(Files.exists(jar), jar + " is built by the package phase");
        Path data = TestDaemon.newDataDir();
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString(), "--dev",
                "--port", "0", "--data-dir", data.toString())
                .redirectErrorStream(true).start();
        try {
            String tokenFile = null;
            String url = null;
            StringBuilder printed = new StringBuilder();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((url == null || tokenFile == null) && (line = out.readLine()) != null) {
                printed.append(line).append('\n');
                Matcher t = TOKEN.matcher(line);
                if (t.find()) {
                    tokenFile = t.group(1);
                }
                Matcher l = LISTEN.matcher(line);
                if (l.find()) {
                    url = l.group(1);
                }
            }
            assertNotNull(tokenFile, "the first start says where the admin token is");
            String token = Files.readString(Path.of(tokenFile)).trim();
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(Path.of(tokenFile))));
            assertFalse(printed.toString().contains(token), "the secret is not printed: " + printed);
            assertFalse(printed.toString().contains("pvd_"), printed.toString());
            assertNotNull(url, "the daemon says where it listens");
            PvdifyClient api = new PvdifyClient(url, token);
            assertEquals("ok", api.health().status());
            assertEquals(BuildInfo.version(), api.health().version());
            assertTrue(api.health().version().matches("\\d+\\.\\d+\\.\\d+.*"), api.health().version());
            api.createApp(new CreateApp("from-jar", null));
            assertEquals("from-jar", api.apps().getFirst().name());
            assertEquals(token, Files.readString(data.resolve("admin-token")).trim());
            Thread drain = Thread.ofVirtual().start(() -> out.lines().forEach(x -> { }));
            p.destroy();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "pvdifyd stops on SIGTERM");
            drain.join(10_000);
        } finally {
            p.destroyForcibly();
        }
    }
}
