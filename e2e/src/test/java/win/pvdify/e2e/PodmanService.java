package win.pvdify.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real `podman system service` on the host for one test class: storage under e2e/target, runroot and socket
 * under /run/pvdify-e2e-NAME (Podman refuses runroots over 50 characters), the test images built into it.
 * restart() stops and starts the service (the fallback supervisor's "reboot"). close() removes its containers,
 * stops it and unmounts what Podman mounted.
 */
final class PodmanService implements AutoCloseable {
    private final Path root;
    private final Path run;
    private Process process;
    private final Thread cleanup = new Thread(this::close, "podman-service-cleanup");

    private PodmanService(Path root, Path run) {
        this.root = root;
        this.run = run;
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    static PodmanService start(String name, Path workDir) {
        Path run = Path.of("/run/pvdify-e2e-" + name);
        PodmanService service = new PodmanService(workDir.resolve("podman"), run);
        try {
            Files.createDirectories(service.root);
            Files.createDirectories(run);
            service.startProcess();
            List<String> images = new ArrayList<>(List.of(Repo.script("test-images.sh")));
            images.addAll(service.podmanCommand());
            Cmd.ok(images);
        } catch (IOException e) {
            service.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
        return service;
    }

    private void startProcess() throws IOException {
        Path sock = socket();
        Files.deleteIfExists(sock);
        List<String> cmd = new ArrayList<>(podmanCommand());
        cmd.addAll(List.of("system", "service", "--time=0", "unix://" + sock));
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve("service.log").toFile())).start();
        Poll.until("podman socket " + sock, Duration.ofSeconds(60), () -> Files.exists(sock));
    }

    /** Stops the service process (containers keep running under conmon) and starts a new one. */
    void restart() {
        stopProcess();
        try {
            startProcess();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path socket() {
        return run.resolve("podman.sock");
    }

    List<String> podmanCommand() {
        return List.of("podman", "--root", root.resolve("storage").toString(), "--runroot",
                run.resolve("runroot").toString());
    }

    String podman(String... args) {
        List<String> cmd = new ArrayList<>(podmanCommand());
        cmd.addAll(List.of(args));
        return Cmd.ok(cmd);
    }

    Cmd.Result podmanRun(String... args) {
        List<String> cmd = new ArrayList<>(podmanCommand());
        cmd.addAll(List.of(args));
        return Cmd.run(cmd);
    }

    private void stopProcess() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
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
        try {
            List<String> rm = new ArrayList<>(podmanCommand());
            rm.addAll(List.of("rm", "-af", "-t", "0"));
            Cmd.run(rm);
        } finally {
            stopProcess();
            unmountUnder(root);
            unmountUnder(run);
            Cmd.run(List.of("rm", "-rf", run.toString()));
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException | IllegalArgumentException ignored) {
                // already shutting down, or called from the hook itself
            }
        }
    }

    /** Podman's overlay and shm mounts under a dir, deepest first (they keep rm -rf from working). */
    static void unmountUnder(Path dir) {
        String prefix = dir.toAbsolutePath().normalize().toString();
        try {
            List<String> mounts = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
                String target = line.split(" ")[1].replace("\\040", " ");
                if (target.equals(prefix) || target.startsWith(prefix + "/")) {
                    mounts.add(target);
                }
            }
            mounts.sort((a, b) -> b.length() - a.length());
            for (String m : mounts) {
                Cmd.run(List.of("umount", "-l", m));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
