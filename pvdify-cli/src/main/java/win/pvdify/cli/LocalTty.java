package win.pvdify.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The local terminal as `pvdify run` needs it: raw mode (every key, Ctrl-C included, goes to the remote command)
 * and the window size, through `stty` on /dev/tty (the JDK has no termios). restore() puts back exactly what
 * was there before.
 */
final class LocalTty {
    private static final File TTY = new File("/dev/tty");
    private final String saved;

    private LocalTty(String saved) {
        this.saved = saved;
    }

    /** Saves the terminal's settings, then switches it to raw mode without echo. */
    static LocalTty raw() {
        String saved = stty(List.of("-g")).strip();
        if (!saved.matches("[0-9a-fA-F:]+")) {
            throw new CliException(ExitCodes.ERROR, "cannot read the terminal's settings (stty -g): " + saved);
        }
        stty(List.of("raw", "-echo"));
        return new LocalTty(saved);
    }

    /** Puts the saved settings back (safe to call more than once). */
    void restore() {
        try {
            stty(List.of(saved));
        } catch (RuntimeException e) {
            // nothing more to do: the user can type `reset`
        }
    }

    /** {rows, cols} of the terminal, or null when unknown. */
    static int[] size() {
        try {
            String[] p = stty(List.of("size")).strip().split("\\s+");
            int rows = Integer.parseInt(p[0]);
            int cols = Integer.parseInt(p[1]);
            return rows > 0 && cols > 0 ? new int[] {Math.min(rows, 1000), Math.min(cols, 1000)} : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String stty(List<String> args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("stty"));
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(TTY))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new CliException(ExitCodes.ERROR, "stty " + String.join(" ", args) + " failed: " + out.strip());
            }
            return out;
        } catch (IOException e) {
            throw new CliException(ExitCodes.ERROR, "cannot run stty: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.INTERRUPTED, "interrupted");
        }
    }
}
