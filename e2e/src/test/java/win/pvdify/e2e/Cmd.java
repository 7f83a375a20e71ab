package win.pvdify.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command to completion (bounded), output and error merged. */
final class Cmd {
    private Cmd() {
    }

    record Result(int exit, String output) {
        boolean ok() {
            return exit == 0;
        }
    }

    static Result run(List<String> cmd) {
        return run(cmd, 180);
    }

    static Result run(List<String> cmd, int timeoutSeconds) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            // Read while it runs: a full pipe would block the child.
            var out = new java.io.ByteArrayOutputStream();
            Thread reader = Thread.ofPlatform().daemon().start(() -> {
                try {
                    p.getInputStream().transferTo(out);
                } catch (IOException ignored) {
                    // the process went away
                }
            });
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                reader.join(5000);
                return new Result(-1, "timed out after " + timeoutSeconds + " s: " + cmd + "\n"
                        + out.toString(StandardCharsets.UTF_8));
            }
            reader.join(10_000);
            return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs and returns the output; a non-zero exit is an error with the output in its message. */
    static String ok(List<String> cmd) {
        Result r = run(cmd);
        if (!r.ok()) {
            throw new IllegalStateException("command failed (exit " + r.exit() + "): " + cmd + "\n" + r.output());
        }
        return r.output();
    }

    static String ok(String... cmd) {
        return ok(List.of(cmd));
    }
}
