package win.pvdify.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import win.pvdify.TestDaemon;

/**
 * Test hygiene: the test daemon's env dir is the host's tmpfs (/run/pvdify/env), so runs a test leaves
 * unfinished (the scripted runtime never exits them) must not leave their env files behind.
 */
public final class RunEnvFiles {
    private RunEnvFiles() {
    }

    public static void removeOf(TestDaemon t, String app) throws IOException {
        Path dir = t.daemon.config().envDir().toAbsolutePath();
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("pvdify-" + app + ".run.")).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
