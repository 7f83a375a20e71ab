package win.pvdify.podman;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import win.pvdify.addon.AddonShell;

/** Commands in an add-on's container through Podman's exec API (stdin and stdout streamed, never buffered whole). */
public final class PodmanAddonShell implements AddonShell {
    private static final int STDERR_KEPT = 4096;
    private final PodmanApi podman;

    public PodmanAddonShell(PodmanApi podman) {
        this.podman = podman;
    }

    @Override
    public Result run(String container, List<String> cmd, InputStream in, OutputStream out) {
        String id = podman.createExec(container, cmd, in != null);
        StringBuilder stderr = new StringBuilder();
        try (PodmanAttach session = podman.startExec(id)) {
            Thread feeder = null;
            IOException[] feedError = new IOException[1];
            if (in != null) {
                feeder = Thread.ofVirtual().start(() -> {
                    byte[] buf = new byte[64 * 1024];
                    try {
                        for (int n; (n = in.read(buf)) > 0; ) {
                            session.write(buf, 0, n);
                        }
                        session.closeInput();
                    } catch (IOException e) {
                        feedError[0] = e;
                        session.close(); // the command must not wait for input that never comes
                    }
                });
            }
            for (PodmanAttach.Chunk c; (c = session.read()) != null; ) {
                if (c.stream() == 1) {
                    out.write(c.bytes());
                } else {
                    stderr.append(new String(c.bytes(), StandardCharsets.UTF_8));
                    if (stderr.length() > STDERR_KEPT) {
                        stderr.delete(0, stderr.length() - STDERR_KEPT);
                    }
                }
            }
            if (feeder != null) {
                feeder.join();
                if (feedError[0] != null) {
                    throw new UncheckedIOException("reading the input failed: " + feedError[0].getMessage(),
                            feedError[0]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
        // The streams end a moment before Podman records the exit code.
        for (int i = 0; i < 100; i++) {
            Integer code = podman.execExitCode(id);
            if (code != null) {
                return new Result(code, stderr.toString().strip());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new PodmanException(504, "exec in " + container + " did not report its exit code");
    }
}
