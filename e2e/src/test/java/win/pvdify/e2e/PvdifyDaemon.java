package win.pvdify.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import win.pvdify.api.client.PvdifyClient;

/**
 * The packaged pvdifyd.jar as a process: started with flags and environment (optionally through a launcher
 * prefix such as nsenter into a systemd namespace), ready when /health answers; stopped with SIGTERM by PID, or
 * killed with SIGKILL. The API port and data dir stay the same across restarts, like a real host's.
 */
final class PvdifyDaemon implements AutoCloseable {
    private final Supplier<List<String>> launcher;
    private final Path dataDir;
    private final Path logDir;
    private final int port;
    private final Map<String, String> flags;
    private final Map<String, String> env;
    private Process process;
    private ProcessHandle daemon;
    private int starts;
    // Also when the test JVM itself is stopped (Ctrl-C, a killed fork): no daemon outlives its test.
    private final Thread cleanup = new Thread(this::close, "pvdifyd-cleanup");

    /**
     * launcher: argv prefix, asked at every start (empty = run directly; a namespace's PID changes on reboot).
     * flags: --name value pairs added to --dev --port --data-dir.
     */
    PvdifyDaemon(Supplier<List<String>> launcher, Path workDir, Map<String, String> flags, Map<String, String> env) {
        this.launcher = launcher;
        this.dataDir = workDir.resolve("data");
        this.logDir = workDir;
        this.port = Repo.freePort();
        this.flags = new LinkedHashMap<>(flags);
        this.env = Map.copyOf(env);
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    PvdifyDaemon start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("pvdifyd already running");
        }
        Path jar = Repo.pvdifydJar();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> prefix = launcher.get();
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(java, "-Xmx384m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED", "-jar",
                jar.toString(), "--dev", "--port", Integer.toString(port), "--data-dir", dataDir.toString()));
        flags.forEach((k, v) -> {
            cmd.add(k);
            cmd.add(v);
        });
        starts++;
        Path log = log();
        try {
            Files.createDirectories(dataDir);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putAll(env);
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start pvdifyd: " + cmd, e);
        }
        daemon = prefix.isEmpty() ? process.toHandle()
                : Poll.value("the java process under " + prefix.get(0), Duration.ofSeconds(30), () -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("pvdifyd exited at once:\n" + logText());
                    }
                    return process.descendants().filter(p -> p.info().command().map(c -> c.endsWith("/java"))
                            .orElse(false)).findFirst().orElse(null);
                });
        Poll.until("pvdifyd /health on port " + port + " (log " + log + ")", Duration.ofSeconds(90), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("pvdifyd exited with " + process.exitValue() + ":\n" + logText());
            }
            return Files.exists(dataDir.resolve("admin-token")) && HttpChecks.status(port, "/health") == 200;
        });
        return this;
    }

    Path log() {
        return logDir.resolve("pvdifyd-" + starts + ".log");
    }

    String logText() {
        try {
            return Files.exists(log()) ? Files.readString(log()) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    int port() {
        return port;
    }

    Path dataDir() {
        return dataDir;
    }

    long pid() {
        return daemon.pid();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    String token() {
        try {
            return Files.readString(dataDir.resolve("admin-token")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    PvdifyClient client() {
        return new PvdifyClient("http://127.0.0.1:" + port, token());
    }

    /** SIGTERM to the daemon itself (not the launcher), then wait for both. */
    void stop() {
        if (process == null) {
            return;
        }
        daemon.destroy();
        await(Duration.ofSeconds(60));
    }

    /** SIGKILL, like a crash or OOM kill: no shutdown hook runs. */
    void kill9() {
        Cmd.ok("kill", "-KILL", Long.toString(daemon.pid()));
        await(Duration.ofSeconds(30));
    }

    private void await(Duration timeout) {
        try {
            try {
                daemon.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                daemon.destroyForcibly();
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            stop();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException | IllegalArgumentException ignored) {
            // already shutting down, or called from the hook itself
        }
    }
}
