package win.pvdify.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import win.pvdify.api.Dyno;
import win.pvdify.api.FormationEntry;
import win.pvdify.api.Operation;
import win.pvdify.api.Processes;
import win.pvdify.api.Run;

/** ps, ps:scale, ps:restart, ps:stop (dynos and one-off runs). */
final class PsCommands {
    static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_-]{0,29}");
    static final Pattern SCALE = Pattern.compile("([^=]+)=([0-9]{1,4})");
    static final int MAX_COUNT = 100;

    private PsCommands() {
    }

    static String type(ApiCommand cmd, String t) {
        if (!TYPE.matcher(t).matches()) {
            throw cmd.usage("Invalid process type '" + Text.brief(t, 40)
                    + "': lowercase letters, digits, - and _, starting with a letter");
        }
        return t;
    }

    static String formation(Processes p) {
        java.util.List<String> parts = new ArrayList<>();
        if (p != null && p.formation() != null) {
            for (FormationEntry f : p.formation()) {
                parts.add(Text.clean(f.type()) + " at " + f.count());
            }
        }
        return parts.isEmpty() ? "no process types" : String.join(", ", parts);
    }

    @Command(name = "ps", description = "List an app's dynos.")
    static final class List extends ApiCommand {
        @Parameters(paramLabel = "NAME", arity = "0..1", description = "The app.")
        String name;

        @Option(names = {"-a", "--app"}, paramLabel = "NAME", description = "The app (instead of NAME).")
        String app;

        @Option(names = "--json", description = "Print JSON (for scripts).")
        boolean json;

        @Override
        public Integer call() {
            String n = appArgs(app, name == null ? null : java.util.List.of(name), 0, 0, "").app();
            Processes p = client().ps(n);
            if (json) {
                printJson(p);
                return ExitCodes.OK;
            }
            java.util.List<FormationEntry> formation = p.formation() == null ? java.util.List.of() : p.formation();
            java.util.List<Dyno> dynos = p.dynos() == null ? java.util.List.of() : p.dynos();
            java.util.List<Run> runs = client().runs(n, false);
            if (formation.isEmpty() && dynos.isEmpty() && !runs.isEmpty()) {
                printRuns(runs);
                return ExitCodes.OK;
            }
            if (formation.isEmpty() && dynos.isEmpty()) {
                out().println("No dynos on " + Text.clean(n) + ". Deploy with: pvdify deploy " + Text.clean(n)
                        + " --image IMAGE");
                return ExitCodes.OK;
            }
            Map<String, FormationEntry> byType = new LinkedHashMap<>();
            formation.forEach(f -> byType.put(f.type(), f));
            dynos.forEach(d -> byType.putIfAbsent(d.type(), new FormationEntry(d.type(), 0, null)));
            boolean first = true;
            for (FormationEntry f : byType.values()) {
                if (!first) {
                    out().println();
                }
                first = false;
                heading(Text.clean(f.type()) + " (" + f.count() + ")"
                        + (f.command() == null ? "" : ": " + Text.clean(f.command())));
                java.util.List<Dyno> mine = dynos.stream().filter(d -> f.type().equals(d.type())).toList();
                if (mine.isEmpty()) {
                    out().println("no dynos");
                    continue;
                }
                Table t = Table.of("Dyno", "State", "Health", "Release", "Port", "Up", "Restarts", "CPU", "Memory");
                for (Dyno d : mine) {
                    t.row(Text.clean(d.name()), style().state(Text.clean(d.state())),
                            d.health() == null ? "" : Text.clean(d.health()), "v" + d.release(),
                            d.port() == null ? "" : d.port().toString(), Times.duration(d.uptimeSeconds()),
                            String.valueOf(d.restarts()),
                            d.cpuPercent() == null ? ""
                                    : String.format(java.util.Locale.ROOT, "%.1f%%", d.cpuPercent()),
                            d.memoryBytes() == null ? "" : win.pvdify.api.ByteSize.human(d.memoryBytes()));
                }
                out().print(t.render());
            }
            if (!runs.isEmpty()) {
                out().println();
                printRuns(runs);
            }
            return ExitCodes.OK;
        }

        /** One-off runs that have not ended, as Heroku lists run.N under its own heading. */
        private void printRuns(java.util.List<Run> runs) {
            heading("run: one-off processes (" + runs.size() + ")");
            Table t = Table.of("Dyno", "State", "Release", "Command", "Started", "Stops at");
            for (Run r : runs) {
                t.row(Text.clean(r.name()), style().state(Text.clean(r.state())), "v" + r.release(),
                        Text.brief(Text.clean(String.join(" ", r.command())), 50)
                                + (r.attached() ? "" : " (detached)"),
                        r.startedAt() == null ? "" : Times.ago(r.startedAt(), ctx().clock()),
                        r.deadline() == null ? "" : r.deadline().toString());
            }
            out().print(t.render());
        }
    }

    @Command(name = "ps:scale", aliases = "scale", description = {"Scale process types.",
        "Example: pvdify ps:scale my-app web=3 worker=1"})
    static final class Scale extends ApiCommand {
        @Parameters(paramLabel = "[NAME] TYPE=COUNT", description = "The app (unless -a), then TYPE=COUNT pairs.")
        java.util.List<String> args;

        @Option(names = {"-a", "--app"}, paramLabel = "NAME", description = "The app (instead of NAME).")
        String app;

        @Mixin
        DetachOption detach;

        @Override
        public Integer call() {
            AppArgs a = appArgs(app, args, 1, Integer.MAX_VALUE, "TYPE=COUNT (e.g. web=2)");
            Map<String, FormationEntry> updates = new LinkedHashMap<>();
            for (String s : a.rest()) {
                Matcher m = SCALE.matcher(s);
                if (!m.matches()) {
                    throw usage("Expected TYPE=COUNT like web=2, got '" + Text.brief(s, 40) + "'");
                }
                int count = Integer.parseInt(m.group(2));
                if (count > MAX_COUNT) {
                    throw usage("At most " + MAX_COUNT + " dynos per process type, got " + count);
                }
                String t = type(this, m.group(1));
                updates.put(t, new FormationEntry(t, count, null));
            }
            Operation op = client().startScale(a.app(), new ArrayList<>(updates.values()));
            if (detach.detach) {
                return OperationProgress.detached(this, op, false);
            }
            OperationProgress progress = new OperationProgress(this, false).begin("Scaling dynos on "
                    + Text.clean(a.app()) + "...");
            Operation ended = progress.follow(op);
            progress.requireSucceeded(ended);
            progress.finish(ended, ", now running " + formation(client().ps(a.app())));
            return ExitCodes.OK;
        }
    }

    @Command(name = "ps:restart", aliases = "restart", description = "Restart an app's dynos (all, or one process type).")
    static final class Restart extends ApiCommand {
        @Parameters(paramLabel = "[NAME] [TYPE]", arity = "0..2", description = "The app (unless -a), then e.g. web.")
        java.util.List<String> args;

        @Option(names = {"-a", "--app"}, paramLabel = "NAME", description = "The app (instead of NAME).")
        String app;

        @Mixin
        DetachOption detach;

        @Override
        public Integer call() {
            AppArgs a = appArgs(app, args, 0, 1, "");
            String t = a.rest().isEmpty() ? null : type(this, a.rest().get(0));
            Operation op = client().startRestart(a.app(), t);
            if (detach.detach) {
                return OperationProgress.detached(this, op, false);
            }
            OperationProgress progress = new OperationProgress(this, false).begin("Restarting " + (t == null ? "all" : t)
                    + " dynos on " + Text.clean(a.app()) + "...");
            progress.finish(progress.follow(op), "");
            return ExitCodes.OK;
        }
    }

    static final Pattern DYNO = Pattern.compile("[a-z][a-z0-9_-]{0,29}(\\.[1-9][0-9]{0,2})?");

    @Command(name = "ps:stop", aliases = "stop", description = {
        "Stop a one-off dyno (run.3), a dyno (web.1) or every dyno of a type (web); fresh dynos start in their",
        "place. Web dynos leave the route and drain first. --force (for a stuck dyno): no drain, killed at once."})
    static final class Stop extends ApiCommand {
        static final Pattern RUN = Pattern.compile("run\\.([1-9][0-9]{0,8})");

        @Parameters(paramLabel = "[NAME] DYNO", arity = "1..2",
                description = "The app (unless -a), then e.g. run.3, web.1 or web.")
        java.util.List<String> args;

        @Option(names = {"-a", "--app"}, paramLabel = "NAME", description = "The app (instead of NAME).")
        String app;

        @Option(names = "--force", description = "Skip the drain and the stop timeout (requests in flight drop).")
        boolean force;

        @Mixin
        DetachOption detach;

        @Override
        public Integer call() {
            AppArgs a = appArgs(app, args, 1, 1, "DYNO");
            String dyno = a.rest().get(0);
            Matcher run = RUN.matcher(dyno);
            if (run.matches()) { // a one-off: stopped for good, nothing takes its place
                Run r = client().stopRun(a.app(), Integer.parseInt(run.group(1)));
                out().println("Stopping " + Text.clean(r.name()) + " on " + Text.clean(a.app()) + "... done");
                return ExitCodes.OK;
            }
            if (!DYNO.matcher(dyno).matches()) {
                throw usage("Invalid dyno '" + Text.brief(dyno, 40) + "': a dyno like web.1 or a process type like web");
            }
            if (force) {
                err().println("Warning: --force kills " + Text.clean(dyno) + " at once: requests in flight drop.");
                err().flush();
            }
            Operation op = client().startStop(a.app(), dyno, force);
            if (detach.detach) {
                return OperationProgress.detached(this, op, false);
            }
            OperationProgress progress = new OperationProgress(this, false).begin("Stopping " + Text.clean(dyno)
                    + " on " + Text.clean(a.app()) + "...");
            progress.finish(progress.follow(op), "");
            return ExitCodes.OK;
        }
    }
}
