package win.pvdify.testing;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A real image registry (apt: docker-registry) on 127.0.0.1:19201 with storage under target/. */
public final class LocalRegistry implements AutoCloseable {
    public static final String ADDRESS = "127.0.0.1:19201";
    private final Process process;

    private LocalRegistry(Process process) {
        this.process = process;
    }

    public static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/docker-registry"));
    }

    /** An anonymous registry: anyone may push and pull. */
    public static LocalRegistry start() throws IOException {
        return start(Path.of("target/registry").toAbsolutePath(), "");
    }

    /**
     * A private registry: pushing and pulling need this login (htpasswd, bcrypt, as a private registry of a
     * user's would have). Needs apache2-utils' htpasswd.
     */
    public static LocalRegistry startWithLogin(String username, String password) throws IOException {
        Path dir = Path.of("target/registry-auth").toAbsolutePath();
        Files.createDirectories(dir);
        Path htpasswd = dir.resolve("htpasswd");
        Process h = new ProcessBuilder("htpasswd", "-Bbn", username, password).redirectErrorStream(true).start();
        String line = new String(h.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (h.waitFor() != 0) {
                throw new IOException("htpasswd failed: " + line);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        Files.writeString(htpasswd, line.strip() + "\n");
        return start(dir, """
                auth:
                  htpasswd:
                    realm: pvdify-test
                    path: %s
                """.formatted(htpasswd));
    }

    private static LocalRegistry start(Path dir, String auth) throws IOException {
        Files.createDirectories(dir);
        Path config = dir.resolve("config.yml");
        Files.writeString(config, """
                version: 0.1
                log:
                  level: warn
                storage:
                  filesystem:
                    rootdirectory: %s
                http:
                  addr: %s
                """.formatted(dir.resolve("data"), ADDRESS) + auth);
        Process p = new ProcessBuilder(List.of("/usr/bin/docker-registry", "serve", config.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        var r = new LocalRegistry(p);
        try {
            Poll.until("registry on " + ADDRESS, Duration.ofSeconds(30), () -> {
                try (Socket s = new Socket("127.0.0.1", 19201)) {
                    return true;
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
        return r;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
