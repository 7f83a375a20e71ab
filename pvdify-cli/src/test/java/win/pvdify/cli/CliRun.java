package win.pvdify.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the CLI in-process with a chosen environment and terminal, capturing stdout, stderr and the exit code. */
final class CliRun {
    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    /** A scripted terminal: interactive or not, with lines "typed" in order. */
    static final class FakeTerminal implements Terminal {
        final boolean interactive;
        final Deque<String> input = new ArrayDeque<>();
        final List<String> prompts = new java.util.ArrayList<>();

        FakeTerminal(boolean interactive, String... lines) {
            this.interactive = interactive;
            input.addAll(List.of(lines));
        }

        @Override
        public boolean interactive() {
            return interactive;
        }

        @Override
        public String readLine(String prompt) {
            prompts.add(prompt);
            return input.poll();
        }

        @Override
        public String readSecret(String prompt) {
            prompts.add(prompt);
            return input.poll();
        }

        @Override
        public String readStdinLine() {
            return input.poll();
        }

        /** What Ctrl-C would run now (null while nothing watches for it); a test "presses" it with run(). */
        volatile Runnable interrupt;

        @Override
        public Watch onInterrupt(Runnable action) {
            interrupt = action;
            return () -> interrupt = null;
        }
    }

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-15T12:30:00Z"), ZoneOffset.UTC);

    final Map<String, String> env = new HashMap<>();
    Terminal terminal = new FakeTerminal(false);

    CliRun(Path home) {
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        env.put("PVDIFY_DATA_DIR", home.resolve("data").toString());
        env.put("HOME", home.toString());
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new CliContext(env, terminal, new PrintWriter(out), new PrintWriter(err), CLOCK), args);
        return new Result(code, out.toString(), err.toString());
    }
}
