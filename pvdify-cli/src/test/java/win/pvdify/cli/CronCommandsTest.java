package win.pvdify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import win.pvdify.Daemon;
import win.pvdify.api.ApiJson;
import win.pvdify.api.ScheduledJob;
import win.pvdify.cron.CronJob;
import win.pvdify.cron.CronJobState;
import win.pvdify.cron.CronRuntime;
import win.pvdify.engine.DesiredApp;

/** cron, cron:add, cron:remove, cron:run against the real daemon (a recording cron runtime behind it). */
class CronCommandsTest extends WithRealDaemon {
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    @Override
    Consumer<Daemon.Builder> wiring() {
        return super.wiring().andThen(b -> b.cron(p -> new CronRuntime() {
            @Override
            public void sync(String app, List<CronJob> jobs, DesiredApp release) {
                calls.add("sync " + jobs.stream().map(CronJob::command).toList());
            }

            @Override
            public boolean runNow(CronJob job, DesiredApp release) {
                calls.add("run " + job.name());
                return true;
            }

            @Override
            public void removeAll(String app) {
                calls.add("removeAll " + app);
            }

            @Override
            public List<CronJobState> states(String app, List<CronJob> jobs) {
                return jobs.stream().map(j -> new CronJobState(j.number(), 0, T0, 0, T0.plusSeconds(3600))).toList();
            }

            @Override
            public String kind() {
                return "recording";
            }
        }));
    }

    @Test
    void addListRunRemove() throws Exception {
        assertEquals(0, cli.run("deploy", "my-app", "-i", "nginx:1.27").code());
        CliRun.Result add = cli.run("cron:add", "my-app", "--name", "nightly", "--schedule", "30 2 * * *", "--",
                "bin/report", "--title", "it's a 'report'", "$HOME");
        assertEquals(0, add.code(), add.toString());
        assertTrue(add.out().contains("Adding cron job nightly to my-app..."), add.out());
        assertTrue(add.out().contains("nightly  cron.1"), add.out());
        // the words reach the daemon as one command line that splits back into exactly them
        ScheduledJob stored = daemon.admin().cron("my-app").get(0);
        assertEquals("bin/report --title 'it'\\''s a '\\''report'\\''' '$HOME'", stored.command());
        assertEquals(List.of("bin/report", "--title", "it's a 'report'", "$HOME"),
                win.pvdify.engine.CommandWords.split(stored.command()));

        CliRun.Result list = cli.run("cron", "-a", "my-app");
        assertEquals(0, list.code(), list.toString());
        assertTrue(list.out().startsWith("=== my-app Scheduled jobs\n"), list.out());
        assertTrue(list.out().contains("2026-01-15 10:30:00 UTC"), list.out());
        assertTrue(list.out().contains("forbid"), list.out());
        List<?> json = new ApiJson().read(cli.run("cron", "my-app", "--json").out(), ApiJson.listOf(ScheduledJob.class));
        assertEquals(1, json.size());

        CliRun.Result run = cli.run("cron:run", "my-app", "nightly");
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().contains("Started cron.1 (nightly)"), run.out());
        assertEquals("run nightly", calls.getLast());

        CliRun.Result remove = cli.run("cron:remove", "my-app", "nightly");
        assertEquals(0, remove.code(), remove.toString());
        assertTrue(remove.out().contains("no jobs"), remove.out());
    }

    @Test
    void badInputIsRefused() {
        CliRun.Result bad = cli.run("cron:add", "my-app", "--name", "x", "--schedule", "0 25 * * *", "--", "true");
        assertEquals(ExitCodes.ERROR, bad.code(), bad.toString());
        assertTrue(bad.err().contains("field 2 (hour) at position 3"), bad.toString());
        assertEquals(ExitCodes.USAGE, cli.run("cron:add", "my-app", "--name", "x", "--schedule", "@daily").code(),
                "no command");
        assertEquals(ExitCodes.USAGE, cli.run("cron:add", "my-app", "--name", "x", "--schedule", "@daily",
                "--policy", "sometimes", "--", "true").code());
        CliRun.Result missing = cli.run("cron:run", "my-app", "nope");
        assertEquals(ExitCodes.NOT_FOUND, missing.code(), missing.toString());
        assertTrue(calls.isEmpty(), calls::toString);
    }
}
