package win.pvdify.cli;

import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import win.pvdify.api.Operation;

/** operations, operations:info, operations:wait, operations:cancel. */
final class OperationsCommands {
    private OperationsCommands() {
    }

    /** "42" (or "#42") -> 42; anything else is a usage error. */
    static long id(ApiCommand cmd, String s) {
        String v = s.startsWith("#") ? s.substring(1) : s;
        if (!v.matches("[0-9]{1,18}") || Long.parseLong(v) < 1) {
            throw cmd.usage("Expected an operation id like 42, got '" + Text.brief(s, 40) + "'");
        }
        return Long.parseLong(v);
    }

    static String took(Operation o) {
        if (o.startedAt() == null) {
            return "";
        }
        Instant end = o.endedAt() == null ? Instant.now() : o.endedAt();
        Duration d = Duration.between(o.startedAt(), end);
        long ms = Math.max(0, d.toMillis());
        return ms < 10_000 ? String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0) : Times.duration(ms / 1000);
    }

    @Command(name = "operations", description = {"List an app's operations, newest first: queued, running and ended.",
        "Every change (deploy, rollback, config, scale, restart, domains, delete) is one."})
    static final class List extends ApiCommand {
        @Parameters(paramLabel = "NAME", arity = "0..1", description = "The app.")
        String name;

        @Option(names = {"-a", "--app"}, paramLabel = "NAME", description = "The app (instead of NAME).")
        String app;

        @Option(names = {"-n", "--num"}, paramLabel = "N", defaultValue = "15",
                description = "How many to show (default: ${DEFAULT-VALUE}).")
        int num;

        @Option(names = "--json", description = "Print JSON (for scripts).")
        boolean json;

        @Override
        public Integer call() {
            String n = appArgs(app, name == null ? null : java.util.List.of(name), 0, 0, "").app();
            if (num < 1) {
                throw usage("--num must be at least 1");
            }
            java.util.List<Operation> ops = client().operations(n, num);
            if (json) {
                printJson(ops);
                return ExitCodes.OK;
            }
            heading(Text.clean(n) + " Operations");
            if (ops.isEmpty()) {
                out().println("No operations yet.");
                return ExitCodes.OK;
            }
            Table t = Table.of("ID", "Kind", "State", "Description", "Release", "By", "Created", "Took");
            for (Operation o : ops) {
                t.row(String.valueOf(o.id()), Text.clean(o.kind()), style().state(Text.clean(o.state())),
                        Text.brief(o.description(), 60), o.release() == null ? "" : "v" + o.release(),
                        Text.clean(o.createdBy()), Times.stamp(o.createdAt(), ctx().clock()), took(o));
            }
            out().print(t.render());
            return ExitCodes.OK;
        }
    }

    @Command(name = "operations:info", description = "Show one operation.")
    static final class Info extends ApiCommand {
        @Parameters(paramLabel = "ID", description = "The operation's id.")
        String id;

        @Option(names = "--json", description = "Print JSON (for scripts).")
        boolean json;

        @Override
        public Integer call() {
            Operation o = client().operation(id(this, id));
            if (json) {
                printJson(o);
                return ExitCodes.OK;
            }
            heading("Operation " + o.id());
            KeyValues kv = new KeyValues()
                    .add("App", Text.clean(o.app()))
                    .add("Kind", Text.clean(o.kind()))
                    .add("State", style().state(Text.clean(o.state())))
                    .add("Description", Text.clean(o.description()))
                    .add("Release", o.release() == null ? "" : "v" + o.release())
                    .add("By", Text.clean(o.createdBy()))
                    .add("Created", Times.stamp(o.createdAt(), ctx().clock()))
                    .add("Started", Times.stamp(o.startedAt(), ctx().clock()))
                    .add("Ended", Times.stamp(o.endedAt(), ctx().clock()));
            if (o.error() != null) {
                kv.add("Error", Text.clean(o.error()));
            }
            out().print(kv.render());
            if (!o.ended()) {
                out().println(style().dim("(follow it with: pvdify operations:wait " + o.id() + ")"));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "operations:wait", description = {"Follow an operation to its end, showing its events.",
        "Exits like the command that started it: 0 succeeded, 5 a failed release, 1 another failure, 7 cancelled."})
    static final class Wait extends ApiCommand {
        @Parameters(paramLabel = "ID", description = "The operation's id.")
        String id;

        @Option(names = "--json", description = "Print the ended operation as JSON instead of its events.")
        boolean json;

        @Override
        public Integer call() {
            Operation o = client().operation(id(this, id));
            if (!json) {
                out().println("Following operation " + o.id() + " (" + Text.clean(o.description()) + ", "
                        + Text.clean(o.state()) + ")...");
                out().flush();
            }
            OperationProgress progress = new OperationProgress(this, json);
            Operation ended = progress.follow(o);
            if (json) {
                printJson(ended);
            }
            progress.finish(ended, ended.release() == null ? "" : ", v" + ended.release());
            return ExitCodes.OK;
        }
    }

    @Command(name = "operations:cancel", description = {"Cancel a queued or running operation.",
        "A running deploy, rollback or config change stops its new dynos; the old release keeps serving."})
    static final class Cancel extends ApiCommand {
        @Parameters(paramLabel = "ID", description = "The operation's id.")
        String id;

        @Option(names = "--json", description = "Print the operation as JSON.")
        boolean json;

        @Override
        public Integer call() {
            Operation o = client().cancelOperation(id(this, id));
            if (json) {
                printJson(o);
                return ExitCodes.OK;
            }
            if (Operation.State.CANCELLED.is(o.state())) {
                out().println("Cancelled operation " + o.id() + " (" + Text.clean(o.description()) + ").");
            } else {
                out().println("Cancelling operation " + o.id() + " (" + Text.clean(o.description())
                        + "); it is " + Text.clean(o.state()) + " and stops shortly.");
                out().println("Follow it with: pvdify operations:wait " + o.id());
            }
            return ExitCodes.OK;
        }
    }
}
