package win.pvdify.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command for a test and returns its output; failures throw with the output. */
public final class Cmd {
    private Cmd() {
    }

    public record Result(int code, String out) {
    }

    public static Result run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + cmd);
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String ok(List<String> cmd) {
        Result r = run(cmd);
        if (r.code() != 0) {
            throw new IllegalStateException(cmd + " failed (" + r.code() + "): " + r.out());
        }
        return r.out();
    }

    public static String ok(String... cmd) {
        return ok(List.of(cmd));
    }
}
