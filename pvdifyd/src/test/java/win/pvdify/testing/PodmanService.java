package win.pvdify.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real `podman system service` for one test class, with its own storage under target/ and its own runroot
 * and socket under /run/pvdify-rt-NAME (short: Podman refuses runroots over 50 characters). The test images are
 * built into it. close() removes every container, stops the service and unmounts what Podman mounted.
 */
public final class PodmanService implements AutoCloseable {
    private final Path root;
    private final Path run;
    private final Process process;

    private PodmanService(Path root, Path run, Process process) {
        this.root = root;
        this.run = run;
        this.process = process;
    }

    public static PodmanService start(String name) throws IOException {
        Path root = Path.of("target/podman-" + name).toAbsolutePath();
        Path run = Path.of("/run/pvdify-rt-" + name);
        Files.createDirectories(root);
        Files.createDirectories(run);
        Path sock = run.resolve("podman.sock");
        Files.deleteIfExists(sock);
        List<String> cmd = new ArrayList<>(List.of("podman", "--root", root.resolve("storage").toString(),
                "--runroot", run.resolve("runroot").toString(), "system", "service", "--time=0",
                "unix://" + sock));
        // Test registries on loopback speak plain HTTP (see LocalRegistry).
        Path registries = root.resolve("registries.conf");
        Files.writeString(registries, """
                unqualified-search-registries = []
                [[registry]]
                location = "127.0.0.1:19201"
                insecure = true
                """);
        var pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(root.resolve("service.log").toFile());
        pb.environment().put("CONTAINERS_REGISTRIES_CONF", registries.toString());
        Process p = pb.start();
        var service = new PodmanService(root, run, p);
        try {
            Poll.until("podman socket " + sock, Duration.ofSeconds(60), () -> Files.exists(sock));
            List<String> images = new ArrayList<>(List.of(Repo.script("test-images.sh")));
            images.addAll(service.podmanCommand());
            Cmd.ok(images);
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
        return service;
    }

    public Path socket() {
        return run.resolve("podman.sock");
    }

    /** The podman CLI with this service's storage: for test set-up and checks. */
    public List<String> podmanCommand() {
        return List.of("podman", "--root", root.resolve("storage").toString(), "--runroot",
                run.resolve("runroot").toString());
    }

    public String podman(String... args) {
        List<String> cmd = new ArrayList<>(podmanCommand());
        cmd.addAll(List.of(args));
        return Cmd.ok(cmd);
    }

    @Override
    public void close() {
        try {
            List<String> rm = new ArrayList<>(podmanCommand());
            rm.addAll(List.of("rm", "-af", "-t", "0"));
            Cmd.run(rm);
        } finally {
            process.destroy();
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Mounts.unmountUnder(root);
            Mounts.unmountUnder(run);
            Cmd.run(List.of("rm", "-rf", run.toString()));
        }
    }
}
