package win.pvdify.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import win.pvdify.api.Maintenance;
import win.pvdify.api.Operation;

/** maintenance, maintenance:on, maintenance:off (Heroku's: the app answers 503 while its dynos keep running). */
final class MaintenanceCommands {
    static final int MAX_MESSAGE = 1000;
    static final int MAX_RETRY_AFTER = 86_400;

    private MaintenanceCommands() {
    }

    @Command(name = "maintenance", description = "Show whether an app is in maintenance mode (and its message).")
    static final class Show extends ApiCommand {
        @Parameters(paramLabel = "NAME", arity = "0..1", description = "The app.")
        String name;

        @Option(names = {"-a", "--app"}, paramLabel = "NAME", description = "The app (instead of NAME).")
        String app;

        @Option(names = "--json", description = "Print JSON (for scripts).")
        boolean json;

        @Override
        public Integer call() {
            String n = appArgs(app, name == null ? null : java.util.List.of(name), 0, 0, "").app();
            Maintenance m = client().maintenance(n);
            if (json) {
                printJson(m);
                return ExitCodes.OK;
            }
            heading(Text.clean(n) + " Maintenance");
            boolean on = Boolean.TRUE.equals(m.enabled());
            KeyValues kv = new KeyValues().add("Mode", on ? style().warn("on") : "off");
            if (on) {
                kv.add("Message", m.message() == null ? "(the default page)" : Text.clean(m.message()))
                        .add("Retry-After", m.retryAfter() == null ? "not sent" : m.retryAfter() + " s");
            }
            out().print(kv.render());
            return ExitCodes.OK;
        }
    }

    @Command(name = "maintenance:on", description = {"Put an app in maintenance mode.",
        "Every host of the app answers 503 with a small page (your --message, HTML-escaped) while its dynos keep"
            + " running; deploys and rollbacks still work underneath.",
        "Example: pvdify maintenance:on my-app --message 'Back at 14:00 UTC' --retry-after 600"})
    static final class On extends ApiCommand {
        @Parameters(paramLabel = "NAME", arity = "0..1", description = "The app.")
        String name;

        @Option(names = {"-a", "--app"}, paramLabel = "NAME", description = "The app (instead of NAME).")
        String app;

        @Option(names = {"-m", "--message"}, paramLabel = "TEXT",
                description = "Text on the page (plain text, at most 1000 characters).")
        String message;

        @Option(names = "--retry-after", paramLabel = "SECONDS",
                description = "Send Retry-After: SECONDS (1..86400) with the 503.")
        Integer retryAfter;

        @Option(names = "--json", description = "Print the new state as JSON.")
        boolean json;

        @Mixin
        DetachOption detach;

        @Override
        public Integer call() {
            String n = appArgs(app, name == null ? null : java.util.List.of(name), 0, 0, "").app();
            if (retryAfter != null && (retryAfter < 1 || retryAfter > MAX_RETRY_AFTER)) {
                throw usage("--retry-after must be between 1 and " + MAX_RETRY_AFTER + " seconds");
            }
            if (message != null && message.codePointCount(0, message.length()) > MAX_MESSAGE) {
                throw usage("--message must be at most " + MAX_MESSAGE + " characters");
            }
            return switchMode(this, n, new Maintenance(true, message, retryAfter), detach.detach, json,
                    "Enabling maintenance mode for ");
        }
    }

    @Command(name = "maintenance:off", description = "Take an app out of maintenance mode (it serves its newest release at once).")
    static final class Off extends ApiCommand {
        @Parameters(paramLabel = "NAME", arity = "0..1", description = "The app.")
        String name;

        @Option(names = {"-a", "--app"}, paramLabel = "NAME", description = "The app (instead of NAME).")
        String app;

        @Option(names = "--json", description = "Print the new state as JSON.")
        boolean json;

        @Mixin
        DetachOption detach;

        @Override
        public Integer call() {
            String n = appArgs(app, name == null ? null : java.util.List.of(name), 0, 0, "").app();
            return switchMode(this, n, new Maintenance(false, null, null), detach.detach, json,
                    "Disabling maintenance mode for ");
        }
    }

    private static int switchMode(ApiCommand cmd, String app, Maintenance wanted, boolean detach, boolean json,
                                  String doing) {
        Operation op = cmd.client().startSetMaintenance(app, wanted);
        if (detach) {
            return OperationProgress.detached(cmd, op, json);
        }
        OperationProgress progress = new OperationProgress(cmd, json).begin(doing + Text.clean(app) + "...");
        progress.finish(progress.follow(op), "");
        if (json) {
            cmd.printJson(cmd.client().maintenance(app));
        }
        return ExitCodes.OK;
    }
}
