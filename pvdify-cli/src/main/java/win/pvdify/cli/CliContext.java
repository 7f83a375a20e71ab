package win.pvdify.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * What a run of the CLI gets from outside: environment variables, the terminal, the output streams and the
 * clock. Tests pass their own; {@link #system()} is the real process.
 */
public record CliContext(Map<String, String> env, Terminal terminal, PrintWriter out, PrintWriter err, Clock clock) {

    public static CliContext system() {
        return new CliContext(System.getenv(), new ConsoleTerminal(),
                new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
                Clock.systemUTC());
    }

    public String env(String name) {
        String v = env.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    /** Colour only on a terminal, never with NO_COLOR (any value) or TERM=dumb. */
    public boolean colour() {
        return terminal.interactive() && !env.containsKey("NO_COLOR") && !"dumb".equals(env.get("TERM"));
    }
}
