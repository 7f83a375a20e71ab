package win.pvdify.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** {@link Terminal} on {@link System#console()} and System.in. */
final class ConsoleTerminal implements Terminal {
    private final Console console = System.console();

    @Override
    public boolean interactive() {
        if (console == null) {
            return false;
        }
        // Since JDK 22 System.console() may exist for redirected streams; isTerminal() (22+) tells.
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    @Override
    public String readLine(String prompt) {
        return console == null ? null : console.readLine("%s", prompt);
    }

    @Override
    public String readSecret(String prompt) {
        if (console == null) {
            return null;
        }
        char[] secret = console.readPassword("%s", prompt);
        return secret == null ? null : new String(secret);
    }

    /** A shutdown hook: it runs on SIGINT/SIGTERM, after which the JVM exits with 128 + the signal number. */
    @Override
    public Watch onInterrupt(Runnable action) {
        Thread hook = new Thread(action, "pvdify-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        return () -> {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook runs (or ran)
            }
        };
    }

    @Override
    public String readStdinLine() {
        try {
            return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
