package win.pvdify.cli;

import java.util.LinkedHashSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import win.pvdify.api.Healthcheck;
import win.pvdify.api.HealthcheckReport;
import win.pvdify.api.UpdateApp;

/** checks (configured and effective values side by side, like Dokku's checks:report) and checks:set. */
final class ChecksCommands {
    static final java.util.Set<String> SETTINGS = java.util.Set.of("path", "status", "body", "host", "interval", "timeout", "attempts",
            "initial-delay", "deploy-timeout", "liveness", "liveness-interval", "liveness-threshold", "auto-rollback",
            "rollback-window");

    private ChecksCommands() {
    }

    static void print(ApiCommand cmd, HealthcheckReport r) {
        Healthcheck c = r.configured() == null ? new Healthcheck(null, null, null, null) : r.configured();
        Healthcheck e = r.effective();
        cmd.heading(Text.clean(r.app()) + " Health Checks");
        Healthcheck a = r.appJson();
        Table t = a == null ? Table.of("Setting", "Configured", "Effective")
                : Table.of("Setting", "Configured", "app.json", "Effective");
        row(t, a, "Path", text(c.path()), a == null ? null : text(a.path()),
                e.path() == null ? "(none: the port accepts connections)" : Text.clean(e.path()));
        row(t, a, "Status", text(c.status()), a == null ? null : text(a.status()), text(e.status()));
        row(t, a, "Body", text(c.body()), a == null ? null : text(a.body()), e.body() == null ? "(any)" : Text.clean(e.body()));
        row(t, a, "Host", text(c.host()), a == null ? null : text(a.host()),
                e.host() == null ? "(the dyno's address)" : Text.clean(e.host()));
        row(t, a, "Interval", seconds(c.interval()), a == null ? null : seconds(a.interval()), seconds(e.interval()));
        row(t, a, "Timeout", seconds(c.timeout()), a == null ? null : seconds(a.timeout()), seconds(e.timeout()));
        row(t, a, "Attempts", number(c.retries()), a == null ? null : number(a.retries()), number(e.retries()));
        row(t, a, "Initial delay", seconds(c.initialDelay()), a == null ? null : seconds(a.initialDelay()),
                seconds(e.initialDelay()));
        row(t, a, "Deploy timeout", seconds(c.deployTimeout()), a == null ? null : seconds(a.deployTimeout()),
                seconds(e.deployTimeout()));
        row(t, a, "Liveness", onOff(c.liveness()), a == null ? null : onOff(a.liveness()), onOff(e.liveness()));
        row(t, a, "Liveness interval", seconds(c.livenessInterval()), a == null ? null : seconds(a.livenessInterval()),
                seconds(e.livenessInterval()));
        row(t, a, "Liveness threshold", number(c.livenessThreshold()),
                a == null ? null : number(a.livenessThreshold()), number(e.livenessThreshold()));
        row(t, a, "Auto rollback", onOff(c.autoRollback()), a == null ? null : onOff(a.autoRollback()),
                onOff(e.autoRollback()));
        row(t, a, "Rollback window", seconds(c.rollbackWindow()), a == null ? null : seconds(a.rollbackWindow()),
                seconds(e.rollbackWindow()));
        cmd.out().print(t.render());
    }

    /** The app.json column only when the current release's app.json declares a check. */
    private static void row(Table t, Healthcheck appJson, String setting, String configured, String fromAppJson,
                            String effective) {
        if (appJson == null) {
            t.row(setting, configured, effective);
        } else {
            t.row(setting, configured, fromAppJson, effective);
        }
    }

    private static String onOff(Boolean b) {
        return b == null ? "-" : b ? "on" : "off";
    }

    private static String text(String s) {
        return s == null ? "-" : Text.clean(s);
    }

    private static String seconds(Integer s) {
        return s == null ? "-" : s + " s";
    }

    private static String number(Integer n) {
        return n == null ? "-" : n.toString();
    }

    @Command(name = "checks", aliases = "checks:report",
            description = "Show an app's health checks (deploy, liveness, automatic rollback): configured and"
                    + " effective values side by side.")
    static final class Report extends ApiCommand {
        @Parameters(paramLabel = "NAME", arity = "0..1", description = "The app.")
        String name;

        @Option(names = {"-a", "--app"}, paramLabel = "NAME", description = "The app (instead of NAME).")
        String app;

        @Option(names = "--json", description = "Print JSON (for scripts).")
        boolean json;

        @Override
        public Integer call() {
            String n = appArgs(app, name == null ? null : java.util.List.of(name), 0, 0, "").app();
            HealthcheckReport r = client().checks(n);
            if (json) {
                printJson(r);
                return ExitCodes.OK;
            }
            print(this, r);
            return ExitCodes.OK;
        }
    }

    @Command(name = "checks:set", description = {"Change an app's health checks: the deploy check (from its next deploy"
            + " or restart), liveness of running web dynos and automatic rollback (at once).",
        "Only the settings given change; --unset SETTING returns one to its default.",
        "Example: pvdify checks:set my-app --path /up --status 200-299 --body ok --timeout 5 --attempts 3"
            + " --initial-delay 2 --deploy-timeout 30",
        "Liveness: pvdify checks:set my-app --liveness on --liveness-interval 10 --liveness-threshold 3",
        "Rollback: pvdify checks:set my-app --auto-rollback on --rollback-window 300"})
    static final class Set extends ApiCommand {
        @Parameters(paramLabel = "NAME", arity = "0..1", description = "The app.")
        String name;

        @Option(names = {"-a", "--app"}, paramLabel = "NAME", description = "The app (instead of NAME).")
        String app;

        @Option(names = "--path", paramLabel = "PATH", description = "GET this path (e.g. /up); without one, the"
                + " port accepting connections is enough.")
        String path;

        @Option(names = "--status", paramLabel = "CODE|LOW-HIGH", description = "Expected status (default 200-399).")
        String status;

        @Option(names = "--body", paramLabel = "TEXT", description = "Text the answer's body must contain.")
        String body;

        @Option(names = "--host", paramLabel = "HOST", description = "Host header to send.")
        String host;

        @Option(names = "--interval", paramLabel = "SECONDS", description = "Between attempts (default 1).")
        Integer interval;

        @Option(names = "--timeout", paramLabel = "SECONDS", description = "For one attempt (default 5).")
        Integer timeout;

        @Option(names = {"--attempts", "--retries"}, paramLabel = "N",
                description = "Failing answers in a row before the dyno is unhealthy (default 3).")
        Integer attempts;

        @Option(names = "--initial-delay", paramLabel = "SECONDS", description = "Before the first attempt (default 0).")
        Integer initialDelay;

        @Option(names = "--deploy-timeout", paramLabel = "SECONDS",
                description = "How long a new dyno may take to become healthy, all attempts included (default 60).")
        Integer deployTimeout;

        @Option(names = "--liveness", paramLabel = "on|off",
                description = "Probe running web dynos with this check; failing ones are taken out and restarted"
                        + " (default on).")
        String liveness;

        @Option(names = "--liveness-interval", paramLabel = "SECONDS", description = "Between liveness probes of one"
                + " dyno (default 10).")
        Integer livenessInterval;

        @Option(names = "--liveness-threshold", paramLabel = "N", description = "Failed liveness probes in a row"
                + " before a dyno is taken out and restarted (default 3).")
        Integer livenessThreshold;

        @Option(names = "--auto-rollback", paramLabel = "on|off", description = "Roll back by itself when a new"
                + " release crash-loops or fails liveness within its rollback window (default on).")
        String autoRollback;

        @Option(names = "--rollback-window", paramLabel = "SECONDS", description = "How long after a deploy a release"
                + " is watched for automatic rollback (default 300).")
        Integer rollbackWindow;

        @Option(names = "--unset", paramLabel = "SETTING", split = ",",
                description = "Back to the default: path, status, body, host, interval, timeout, attempts,"
                        + " initial-delay, deploy-timeout, liveness, liveness-interval, liveness-threshold,"
                        + " auto-rollback, rollback-window.")
        java.util.List<String> unset = new java.util.ArrayList<>();

        @Option(names = "--json", description = "Print the new report as JSON.")
        boolean json;

        @Override
        public Integer call() {
            String n = appArgs(app, name == null ? null : java.util.List.of(name), 0, 0, "").app();
            java.util.Set<String> clear = new LinkedHashSet<>();
            for (String u : unset) {
                if (!SETTINGS.contains(u)) {
                    throw usage("Unknown setting '" + Text.brief(u, 30) + "' for --unset; one of "
                            + String.join(", ", SETTINGS.stream().sorted().toList()));
                }
                clear.add(u);
            }
            if (clear.isEmpty() && path == null && status == null && body == null && host == null && interval == null
                    && timeout == null && attempts == null && initialDelay == null && deployTimeout == null
                    && liveness == null && livenessInterval == null && livenessThreshold == null
                    && autoRollback == null && rollbackWindow == null) {
                throw usage("Nothing to change: give a setting like --path /up, or --unset SETTING");
            }
            Healthcheck now = client().checks(n).configured();
            Healthcheck c = now == null ? new Healthcheck(null, null, null, null) : now;
            Healthcheck next = new Healthcheck(
                    pick(clear, "path", path, c.path()), pick(clear, "interval", interval, c.interval()),
                    pick(clear, "timeout", timeout, c.timeout()), pick(clear, "attempts", attempts, c.retries()),
                    pick(clear, "status", status, c.status()), pick(clear, "body", body, c.body()),
                    pick(clear, "host", host, c.host()), pick(clear, "initial-delay", initialDelay, c.initialDelay()),
                    pick(clear, "deploy-timeout", deployTimeout, c.deployTimeout()))
                    .withLiveness(pick(clear, "liveness", onOff("liveness", liveness), c.liveness()),
                            pick(clear, "liveness-interval", livenessInterval, c.livenessInterval()),
                            pick(clear, "liveness-threshold", livenessThreshold, c.livenessThreshold()),
                            pick(clear, "auto-rollback", onOff("auto-rollback", autoRollback), c.autoRollback()),
                            pick(clear, "rollback-window", rollbackWindow, c.rollbackWindow()));
            client().updateApp(n, new UpdateApp(null, null, next, null, null));
            HealthcheckReport r = client().checks(n);
            if (json) {
                printJson(r);
                return ExitCodes.OK;
            }
            print(this, r);
            out().println("The deploy check applies from the next deploy or restart; liveness and rollback at once.");
            return ExitCodes.OK;
        }

        private static Boolean onOff(String option, String value) {
            if (value == null) {
                return null;
            }
            return switch (value.toLowerCase(java.util.Locale.ROOT)) {
                case "on", "true", "yes" -> true;
                case "off", "false", "no" -> false;
                default -> throw new CliException(ExitCodes.USAGE, "--" + option + " must be on or off, not '"
                        + Text.brief(value, 30) + "'");
            };
        }

        private static <T> T pick(java.util.Set<String> clear, String setting, T given, T current) {
            if (clear.contains(setting)) {
                if (given != null) {
                    throw new CliException(ExitCodes.USAGE, "--" + setting + " and --unset " + setting
                            + " contradict each other");
                }
                return null;
            }
            return given != null ? given : current;
        }
    }
}
