package win.pvdify.fakes;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * An IT's own `podman system service` on its own socket, over the host's image and container storage: the
 * shared /run/podman/podman.sock may be started and stopped by other suites while this one runs.
 */
public final class PodmanService implements AutoCloseable {
    private final Process process;
    private final Path socket;

    private PodmanService(Process process, Path socket) {
        this.process = process;
        this.socket = socket;
    }

    public static PodmanService start(Path socket, Path log) throws Exception {
        Files.createDirectories(socket.getParent());
        Files.deleteIfExists(socket);
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder("podman", "system", "service", "--time=0", "unix://" + socket)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PodmanService service = new PodmanService(p, socket);
        Instant end = Instant.now().plus(Duration.ofSeconds(60));
        while (!service.answers()) {
            if (!p.isAlive() || Instant.now().isAfter(end)) {
                service.close();
                throw new IllegalStateException("podman system service did not answer on " + socket + ", see " + log);
            }
            p.waitFor(200, TimeUnit.MILLISECONDS); // polling interval
        }
        return service;
    }

    public Path socket() {
        return socket;
    }

    private boolean answers() {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            return c.isConnected();
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(socket);
    }
}
