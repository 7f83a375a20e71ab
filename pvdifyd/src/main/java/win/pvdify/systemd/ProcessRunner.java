package win.pvdify.systemd;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs host commands (systemctl, journalctl) as argv, never through a shell, optionally behind a prefix such
 * as `nsenter -t PID -m -p` to reach a systemd in another namespace.
 */
public final class ProcessRunner {
    private final List<String> prefix;

    public ProcessRunner(List<String> prefix) {
        this.prefix = List.copyOf(prefix);
    }

    public static ProcessRunner direct() {
        return new ProcessRunner(List.of());
    }

    public record Result(int code, String out, String err) {
        public boolean ok() {
            return code == 0;
        }
    }

    public List<String> argv(List<String> cmd) {
        List<String> all = new ArrayList<>(prefix);
        all.addAll(cmd);
        return all;
    }

    public Result run(Duration timeout, List<String> cmd) {
        List<String> argv = argv(cmd);
        Process p;
        try {
            p = new ProcessBuilder(argv).start();
        } catch (IOException e) {
            throw new SystemdException("cannot run " + argv.get(0) + ": " + e.getMessage());
        }
        try {
            p.getOutputStream().close();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            String out = read(p.getInputStream());
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new SystemdException(String.join(" ", cmd) + " timed out after " + timeout);
            }
            return new Result(p.exitValue(), out, err.join());
        } catch (IOException e) {
            p.destroyForcibly();
            throw new SystemdException(String.join(" ", cmd) + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new SystemdException(String.join(" ", cmd) + " interrupted");
        }
    }

    /** Starts a long-running command (journalctl -f); the caller reads stdout and destroys it. */
    public Process start(List<String> cmd) {
        try {
            return new ProcessBuilder(argv(cmd)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new SystemdException("cannot run " + cmd.get(0) + ": " + e.getMessage());
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
