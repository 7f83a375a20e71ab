package win.pvdify.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import win.pvdify.api.Operation;
import win.pvdify.api.ScheduledJob;

/** cron, cron:add, cron:remove, cron:run: an app's scheduled jobs (Dokku's cron, Heroku Scheduler's jobs). */
final class CronCommands {
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private CronCommands() {
    }

    @Command(name = "cron", description = {"List an app's scheduled jobs: schedule, policy, last run, exit status,"
            + " next run.", "Their output is in `pvdify logs NAME -p cron` as cron.N."})
    static final class List_ extends ApiCommand {
        @Parameters(paramLabel = "NAME", arity = "0..1", description = "The app.")
        String name;

        @Option(names = {"-a", "--app"}, paramLabel = "NAME", description = "The app (instead of NAME).")
        String app;

        @Option(names = "--json", description = "Print JSON (for scripts).")
        boolean json;

        @Override
        public Integer call() {
            String n = appArgs(app, name == null ? null : List.of(name), 0, 0, "").app();
            List<ScheduledJob> jobs = client().cron(n);
            if (json) {
                printJson(jobs);
                return ExitCodes.OK;
            }
            print(this, n, jobs);
            return ExitCodes.OK;
        }
    }

    @Command(name = "cron:add", description = {"Add (or change, by --name) a scheduled job of an app.",
        "Each run is a one-off container of the current release (its image and config).",
        "--schedule: five crontab fields (minute hour day-of-month month day-of-week) or @hourly, @daily,"
            + " @weekly, @monthly, @yearly; local time of the host.",
        "--policy when a run is still going at the next firing: forbid (skip it, the default), replace"
            + " (stop the running one), allow (run both).",
        "Example: pvdify cron:add my-app --name nightly --schedule '30 2 * * *' -- bin/report --since yesterday"})
    static final class Add extends ApiCommand {
        @Parameters(paramLabel = "[NAME] COMMAND", arity = "0..*",
                description = "The app (unless -a), then the command and its arguments (after --).")
        List<String> args;

        @Option(names = {"-a", "--app"}, paramLabel = "NAME", description = "The app (instead of NAME).")
        String app;

        @Option(names = "--name", required = true, paramLabel = "JOB", description = "The job's name (a-z, 0-9, - and _).")
        String job;

        @Option(names = "--schedule", required = true, paramLabel = "CRON", description = "When it runs.")
        String schedule;

        @Option(names = "--policy", paramLabel = "POLICY", description = "forbid (default), replace or allow.")
        String policy;

        @Option(names = "--json", description = "Print the jobs as JSON.")
        boolean json;

        @Mixin
        DetachOption detach;

        @Override
        public Integer call() {
            AppArgs a = appArgs(app, args, 1, Integer.MAX_VALUE, "the COMMAND to run (after --)");
            if (policy != null && !List.of("forbid", "replace", "allow").contains(policy)) {
                throw usage("--policy must be forbid, replace or allow");
            }
            String command = words(a.rest());
            return follow(this, a.app(), client().startAddCron(a.app(),
                    ScheduledJob.request(job, schedule, command, policy)), detach.detach, json,
                    "Adding cron job " + Text.clean(job) + " to ");
        }
    }

    @Command(name = "cron:remove", description = "Remove a scheduled job of an app (a run going on is stopped).")
    static final class Remove extends ApiCommand {
        @Parameters(paramLabel = "NAME JOB", arity = "1..2", description = "The app (unless -a) and the job.")
        List<String> args;

        @Option(names = {"-a", "--app"}, paramLabel = "NAME", description = "The app (instead of NAME).")
        String app;

        @Option(names = "--json", description = "Print the jobs left as JSON.")
        boolean json;

        @Mixin
        DetachOption detach;

        @Override
        public Integer call() {
            AppArgs a = appArgs(app, args, 1, 1, "the JOB name");
            return follow(this, a.app(), client().startRemoveCron(a.app(), a.rest().get(0)), detach.detach, json,
                    "Removing cron job " + Text.clean(a.rest().get(0)) + " of ");
        }
    }

    @Command(name = "cron:run", description = {"Run a scheduled job of an app now (forbid: not while it runs).",
        "Its output is in `pvdify logs NAME -p cron`."})
    static final class Run extends ApiCommand {
        @Parameters(paramLabel = "NAME JOB", arity = "1..2", description = "The app (unless -a) and the job.")
        List<String> args;

        @Option(names = {"-a", "--app"}, paramLabel = "NAME", description = "The app (instead of NAME).")
        String app;

        @Option(names = "--json", description = "Print the jobs as JSON.")
        boolean json;

        @Mixin
        DetachOption detach;

        @Override
        public Integer call() {
            AppArgs a = appArgs(app, args, 1, 1, "the JOB name");
            return follow(this, a.app(), client().startRunCron(a.app(), a.rest().get(0)), detach.detach, json,
                    "Running cron job " + Text.clean(a.rest().get(0)) + " of ");
        }
    }

    /**
     * The command words as one command line the daemon splits again (CommandWords: quotes group, backslash
     * escapes): a word with anything but safe characters is single-quoted, a quote in it as '\''.
     */
    static String words(List<String> words) {
        List<String> out = new ArrayList<>();
        for (String w : words) {
            if (!w.isEmpty() && w.matches("[A-Za-z0-9_./:=@+,%-]+")) {
                out.add(w);
            } else {
                out.add("'" + w.replace("'", "'\\''") + "'");
            }
        }
        return String.join(" ", out);
    }

    private static int follow(ApiCommand cmd, String app, Operation op, boolean detach, boolean json, String doing) {
        if (detach) {
            return OperationProgress.detached(cmd, op, json);
        }
        OperationProgress progress = new OperationProgress(cmd, json).begin(doing + Text.clean(app) + "...");
        progress.finish(progress.follow(op), "");
        List<ScheduledJob> jobs = cmd.client().cron(app);
        if (json) {
            cmd.printJson(jobs);
        } else {
            print(cmd, app, jobs);
        }
        return ExitCodes.OK;
    }

    private static void print(ApiCommand cmd, String app, List<ScheduledJob> jobs) {
        cmd.heading(Text.clean(app) + " Scheduled jobs");
        if (jobs.isEmpty()) {
            cmd.out().println("no jobs (add one with pvdify cron:add " + Text.clean(app)
                    + " --name NAME --schedule '*/15 * * * *' -- COMMAND)");
            return;
        }
        Table t = Table.of("Job", "Process", "Schedule", "Policy", "Source", "Last run", "Exit", "Next run", "Command");
        for (ScheduledJob j : jobs) {
            String exit = j.running() != null && j.running() > 0 ? cmd.style().state("running")
                    : j.lastExitStatus() == null ? "" : String.valueOf(j.lastExitStatus());
            t.row(Text.clean(j.name()), Text.clean(j.process()), Text.clean(j.schedule()), Text.clean(j.policy()),
                    Text.clean(j.source()), at(j.lastRunAt()), exit, at(j.nextRunAt()), Text.clean(j.command()));
        }
        cmd.out().print(t.render());
    }

    private static String at(Instant t) {
        return t == null ? "" : AT.format(t);
    }
}
