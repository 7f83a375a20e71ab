package win.pvdify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.Consumer;
import win.pvdify.api.client.PvdifyClient;

/** A real daemon on a free port with its data under target/ (never /tmp), for HTTP tests. */
public final class TestDaemon implements AutoCloseable {
    public final Daemon daemon;
    public final String adminToken;
    public final Path dataDir;

    public TestDaemon(Consumer<Daemon.Builder> wiring) {
        this(newDataDir(), wiring);
    }

    /** A daemon on an existing data dir (a restart of an earlier one). */
    public TestDaemon(Path dataDir, Consumer<Daemon.Builder> wiring) {
        this(dataDir, java.util.function.UnaryOperator.identity(), wiring);
    }

    /** A daemon whose test config is changed first (e.g. its limits). */
    public TestDaemon(java.util.function.UnaryOperator<DaemonConfig> config, Consumer<Daemon.Builder> wiring) {
        this(newDataDir(), config, wiring);
    }

    private TestDaemon(Path dataDir, java.util.function.UnaryOperator<DaemonConfig> config,
                       Consumer<Daemon.Builder> wiring) {
        this.dataDir = dataDir;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Daemon.Builder b = Daemon.builder(config.apply(DaemonConfig.forTests(dataDir)))
                .out(new PrintStream(out, true, StandardCharsets.UTF_8))
                .logPollMillis(50);
        wiring.accept(b);
        this.daemon = b.build().start();
        try {
            this.adminToken = Files.readString(dataDir.resolve("admin-token")).trim();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path newDataDir() {
        Path dir = Path.of("target", "test-data", UUID.randomUUID().toString()).toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return dir;
    }

    public PvdifyClient admin() {
        return new PvdifyClient(daemon.baseUrl(), adminToken);
    }

    public PvdifyClient client(String token) {
        return new PvdifyClient(daemon.baseUrl(), token);
    }

    @Override
    public void close() {
        daemon.stop();
    }
}
