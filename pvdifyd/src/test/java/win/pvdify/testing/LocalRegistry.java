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

    public static LocalRegistry start() throws IOException {
        Path dir = Path.of("target/registry").toAbsolutePath();
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
                """.formatted(dir.resolve("data"), ADDRESS));
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
