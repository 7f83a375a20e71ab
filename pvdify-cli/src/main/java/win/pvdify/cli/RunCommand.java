package win.pvdify.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import win.pvdify.api.Run;
import win.pvdify.api.RunRequest;
import win.pvdify.api.client.RunConnection;

/**
 * `pvdify run APP -- CMD ARGS...`: a one-off dyno of the current release (its image and config), attached to
 * this terminal like `heroku run`: with a terminal on both ends the remote command gets a TTY (raw mode here,
 * window size and resizes passed on, Ctrl-C goes to the command); with stdin piped it runs without one and sees
 * EOF when the input ends. The exit code is the command's. --detached runs it in the background (output in
 * `pvdify logs -p run`).
 */
@Command(name = "run", description = {"Run a one-off command in a container of the app's release.",
    "Examples: pvdify run my-app -- sh",
    "          pvdify run my-app --detached -- ./migrate.sh",
    "          echo 'select 1' | pvdify run my-app -- psql \"$DATABASE_URL\"",
    "Exits with the command's exit code. Options of the command go after --."})
final class RunCommand extends ApiCommand {
    static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,254}");
    static final Pattern TTL = Pattern.compile("([1-9][0-9]{0,6})([smhd]?)");
    static final Pattern RELEASE = Pattern.compile("v?([1-9][0-9]{0,8})");
    /** Keeps an idle console's connection alive through proxies. */
    static final long PING_EVERY_MS = 30_000;

    @Parameters(paramLabel = "[NAME] COMMAND", description = "The app (unless -a), then the command and its"
            + " arguments (after --).")
    List<String> args;

    @Option(names = {"-a", "--app"}, paramLabel = "NAME", description = "The app (instead of NAME).")
    String app;

    @Option(names = {"-d", "--detached"}, description = "Run in the background; its output is in `pvdify logs"
            + " -p run` as run.N.")
    boolean detached;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", description = "An extra env var for this run only"
            + " (repeatable).")
    List<String> env;

    @Option(names = "--release", paramLabel = "vN", description = "Run release N instead of the current one.")
    String release;

    @Option(names = "--ttl", paramLabel = "DURATION", description = "Stop the run after this long (90s, 30m,"
            + " 2h; default 1h, at most 24h).")
    String ttl;

    @Option(names = "--tty", negatable = true, description = {"Give the command a terminal (default: when stdin"
            + " and stdout are terminals).", "--no-tty: never."})
    Boolean tty;

    @Option(names = "--json", description = "With --detached: print the run as JSON.")
    boolean json;

    @Override
    public Integer call() {
        AppArgs a = appArgs(app, args, 1, Integer.MAX_VALUE, "the command to run, e.g. pvdify run my-app -- sh");
        List<String> command = a.rest();
        boolean terminal = ctx().terminal().interactive();
        if (Boolean.TRUE.equals(tty) && detached) {
            throw usage("--tty and --detached do not go together: a detached run has no terminal");
        }
        if (Boolean.TRUE.equals(tty) && !terminal) {
            throw usage("--tty needs a terminal on stdin and stdout (use --no-tty to pipe input)");
        }
        boolean useTty = !detached && (tty == null ? terminal : tty);
        RunRequest request = new RunRequest(command, !detached, useTty, env(), release(), ttlSeconds());
        Run run = client().run(a.app(), request);
        if (detached) {
            if (json) {
                printJson(run);
            } else {
                out().println("Running `" + Text.clean(String.join(" ", command)) + "` on " + Text.clean(a.app())
                        + "... up, " + run.name() + " (detached)");
                out().println("Its output: pvdify logs " + Text.clean(a.app()) + " -p run --tail");
            }
            return ExitCodes.OK;
        }
        err().println("Running `" + Text.clean(String.join(" ", command)) + "` on " + Text.clean(a.app())
                + "... up, " + run.name());
        err().flush();
        return attach(this, a.app(), run, useTty);
    }

    /** Attaches this terminal (or pipes) to an attached run until it ends; its exit code. Also pg:psql's. */
    static int attach(ApiCommand cmd, String appName, Run run, boolean useTty) {
        int[] size = useTty ? LocalTty.size() : null;
        OutputStream stdout = new java.io.FileOutputStream(java.io.FileDescriptor.out);
        OutputStream stderr = new java.io.FileOutputStream(java.io.FileDescriptor.err);
        RunConnection conn = cmd.client().attachRun(appName, run.number(), size == null ? 0 : size[0],
                size == null ? 0 : size[1], stdout, useTty ? stdout : stderr);
        LocalTty raw = useTty ? LocalTty.raw() : null;
        // Ctrl-C without a terminal, or a kill: leave the run (the server stops it) and put the terminal back.
        Thread hook = new Thread(() -> {
            if (raw != null) {
                raw.restore();
            }
            conn.close();
        }, "pvdify-run-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (useTty) {
                watchResize(conn);
            }
            Thread input = Thread.ofPlatform().daemon().name("pvdify-run-stdin").start(() -> pumpStdin(conn));
            Thread keepAlive = Thread.ofPlatform().daemon().name("pvdify-run-ping").start(() -> keepAlive(conn));
            int code = conn.awaitExit();
            input.interrupt();
            keepAlive.interrupt();
            return code;
        } finally {
            if (raw != null) {
                raw.restore();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down: the hook runs
            }
        }
    }

    /** stdin to the run in bounded chunks; each waits for the last to leave (a 10 MB paste streams, it is not held). */
    private static void pumpStdin(RunConnection conn) {
        InputStream in = System.in;
        byte[] buf = new byte[RunConnection.MAX_FRAME];
        try {
            for (int n; (n = in.read(buf)) >= 0 && !conn.done(); ) {
                if (n > 0) {
                    conn.send(buf, 0, n);
                }
            }
            if (!conn.done()) {
                conn.closeInput();
            }
        } catch (IOException | RuntimeException e) {
            // the run ended or the connection broke: awaitExit reports it
        }
    }

    private static void keepAlive(RunConnection conn) {
        try {
            while (!conn.done()) {
                Thread.sleep(PING_EVERY_MS);
                conn.ping();
            }
        } catch (InterruptedException | RuntimeException e) {
            // done
        }
    }

    /** SIGWINCH: the terminal changed size, so the remote terminal does too. */
    private static void watchResize(RunConnection conn) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("WINCH"), s -> {
                int[] size = LocalTty.size();
                if (size != null && !conn.done()) {
                    try {
                        conn.resize(size[0], size[1]);
                    } catch (RuntimeException e) {
                        // the run ended meanwhile
                    }
                }
            });
        } catch (IllegalArgumentException e) {
            // no SIGWINCH on this platform: the size stays as it was
        }
    }

    private Map<String, String> env() {
        Map<String, String> out = new LinkedHashMap<>();
        if (env == null) {
            return null;
        }
        for (String kv : env) {
            int eq = kv.indexOf('=');
            String k = eq < 0 ? kv : kv.substring(0, eq);
            if (eq < 0 || !KEY.matcher(k).matches()) {
                throw usage("Expected --env KEY=VALUE with KEY of letters, digits and _ (not starting with a"
                        + " digit), got '" + Text.brief(kv, 40) + "'");
            }
            out.put(k, kv.substring(eq + 1));
        }
        return out;
    }

    private Integer release() {
        if (release == null) {
            return null;
        }
        Matcher m = RELEASE.matcher(release);
        if (!m.matches()) {
            throw usage("Expected --release vN (e.g. v3), got '" + Text.brief(release, 20) + "'");
        }
        return Integer.parseInt(m.group(1));
    }

    private Integer ttlSeconds() {
        if (ttl == null) {
            return null;
        }
        Matcher m = TTL.matcher(ttl);
        if (!m.matches()) {
            throw usage("Expected --ttl like 90s, 30m or 2h, got '" + Text.brief(ttl, 20) + "'");
        }
        long n = Long.parseLong(m.group(1));
        long seconds = switch (m.group(2)) {
            case "m" -> n * 60;
            case "h" -> n * 3600;
            case "d" -> n * 86400;
            default -> n;
        };
        if (seconds > 86400) {
            throw usage("--ttl is at most 24h");
        }
        return (int) seconds;
    }
}
