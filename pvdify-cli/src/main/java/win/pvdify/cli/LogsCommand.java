package win.pvdify.cli;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import win.pvdify.api.client.ApiException;

/** logs NAME [-n N] [-f] [-p TYPE]: Heroku-format log lines; -f streams and reconnects once if the stream drops. */
@Command(name = "logs", description = {"Show an app's logs (Heroku format).",
    "With -f, streams until interrupted (Ctrl-C) and reconnects once when the stream drops."})
final class LogsCommand extends ApiCommand {
    static final int MAX_LINES = 10_000;
    /** On a reconnect, ask for a few lines and skip up to the last one already shown, to bridge the gap. */
    static final int OVERLAP = 20;
    private static final Pattern SOURCE = Pattern.compile("^(\\S+ )(\\S+\\[[^\\]]*\\]:)(.*)$", Pattern.DOTALL);

    @Parameters(paramLabel = "NAME", arity = "0..1", description = "The app.")
    String name;

    @Option(names = {"-a", "--app"}, paramLabel = "NAME", description = "The app (instead of NAME).")
    String app;

    @Option(names = {"-n", "--num"}, paramLabel = "N", defaultValue = "100",
            description = "Number of lines to show (default: ${DEFAULT-VALUE}, at most " + MAX_LINES + ").")
    int num;

    @Option(names = {"-f", "--tail"}, description = "Keep streaming new lines.")
    boolean follow;

    @Option(names = {"-p", "--process", "--ps"}, paramLabel = "TYPE", description = "Only this process type (e.g. web).")
    String process;

    @Option(names = "--json", description = "Print the lines as a JSON array (not with -f).")
    boolean json;

    private String last;

    @Override
    public Integer call() {
        String n = appArgs(app, name == null ? null : List.of(name), 0, 0, "").app();
        if (num < 0 || num > MAX_LINES) {
            throw usage("--num must be between 0 and " + MAX_LINES);
        }
        String p = process == null ? null : PsCommands.type(this, process);
        if (json && follow) {
            throw usage("--json and -f do not go together");
        }
        if (json) {
            printJson(client().logs(n, num, p));
            return ExitCodes.OK;
        }
        if (!follow) {
            client().streamLogs(n, num, p, false, this::print);
            return ExitCodes.OK;
        }
        try {
            client().streamLogs(n, num, p, true, this::print);
        } catch (ApiException e) {
            if (e.status() != 0) {
                throw e;
            }
        }
        err().println(style().dim(" !    log stream dropped; reconnecting..."));
        err().flush();
        String seen = last;
        boolean[] skipping = {seen != null};
        java.util.List<String> held = new java.util.ArrayList<>();
        client().streamLogs(n, seen == null ? num : OVERLAP, p, true, line -> {
            if (skipping[0]) {
                held.add(line);
                if (line.equals(seen)) {
                    held.clear(); // everything so far was already shown
                    skipping[0] = false;
                } else if (held.size() >= OVERLAP) {
                    skipping[0] = false; // the last line shown is not in the overlap: show what came
                    held.forEach(this::print);
                }
                return;
            }
            print(line);
        });
        if (skipping[0]) {
            held.forEach(this::print);
        }
        return ExitCodes.OK;
    }

    private void print(String line) {
        last = line;
        String l = Text.clean(line, true);
        Matcher m = SOURCE.matcher(l);
        if (style().enabled() && m.matches()) {
            l = style().dim(m.group(1)) + style().accent(m.group(2)) + m.group(3);
        }
        out().println(l);
        out().flush();
    }
}
