package win.pvdify.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import win.pvdify.api.CreateApp;
import win.pvdify.api.DeployRequest;
import win.pvdify.api.FormationEntry;
import win.pvdify.api.ScheduledJob;
import win.pvdify.api.client.PvdifyClient;

/**
 * Issue 18's scheduled jobs against the packaged pvdifyd and a real runtime (subclasses: systemd timers in a
 * namespace systemd, the fallback's own scheduler). The daemon runs with PVDIFY_CRON_SECONDS=true, so schedules
 * may carry a seconds field and the scenario takes seconds, not minutes. One app, steps in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StopAfterFailure.class)
abstract class CronScenario {
    static final String APP = "ticker";
    static final String WORKER = "localhost/pvdify-test/worker:latest";
    static final Duration WAIT = Duration.ofSeconds(90);

    abstract PvdifyDaemon daemon();

    /** Names of the app's containers (any state). */
    abstract List<String> containers(String app);

    /** The app's cron unit files (none for the fallback). */
    abstract List<String> cronUnits(String app);

    static final String APPJSON_IMAGE = "localhost/pvdify-test/appjson:1";

    /** Builds the Containerfile in dir as tag where this runtime's Podman sees it. */
    abstract void buildImage(java.nio.file.Path dir, String tag);

    /** Host down and up again; returns once the jobs fire again (the systemd one: before pvdifyd is back). */
    abstract void rebootAndSeeTicks();

    PvdifyClient api() {
        return daemon().client();
    }

    @Test
    @Order(1)
    void aJobFiresOnScheduleWithTheReleaseConfig() {
        PvdifyClient api = api();
        api.createApp(new CreateApp(APP, null));
        api.scale(APP, List.of(new FormationEntry("web", 0, null))); // cron only: no dyno at all
        api.setConfig(APP, Map.of("GREETING", "first"));
        api.deploy(APP, new DeployRequest(WORKER, null));
        List<ScheduledJob> jobs = api.addCron(APP, ScheduledJob.request("tick", "*/4 * * * * *",
                "sh -c 'echo tick $GREETING'", null));
        assertEquals(1, jobs.size(), jobs::toString);
        assertEquals("cron.1", jobs.get(0).process());
        assertEquals("forbid", jobs.get(0).policy());
        Poll.until("two ticks with the release's config in pvdify logs -p cron", WAIT,
                () -> count(cronLines(), "app[cron.1]: tick first") >= 2);
        ScheduledJob listed = Poll.value("tick listed with its last run and exit status 0", WAIT,
                () -> api.cron(APP).stream().filter(j -> j.lastExitStatus() != null && j.lastRunAt() != null)
                        .findFirst().orElse(null));
        assertEquals(0, listed.lastExitStatus(), listed::toString);
        assertNotNull(listed.nextRunAt(), listed::toString);
        assertTrue(listed.nextRunAt().isAfter(Instant.now().minusSeconds(1)), listed::toString);
        System.out.println("[e2e] cron listed: " + listed);
    }

    @Test
    @Order(2)
    void aConfigReleaseReachesTheNextRunWithoutRunningTwice() {
        api().setConfig(APP, Map.of("GREETING", "second"));
        Poll.until("ticks with the new config", WAIT, () -> count(cronLines(), "app[cron.1]: tick second") >= 1);
    }

    @Test
    @Order(3)
    void forbidSkipsFiringsWhileARunGoesOn() {
        // every 2 s, each run takes 7 s: with forbid, never two at once, and starts at least ~7 s apart
        api().addCron(APP, ScheduledJob.request("slow", "*/2 * * * * *",
                "sh -c 'echo slow-start; sleep 7; echo slow-end'", "forbid"));
        List<Instant> samples = new ArrayList<>();
        Poll.until("a slow run going on", WAIT, () -> api().cron(APP).stream()
                .anyMatch(j -> j.name().equals("slow") && j.running() == 1));
        // a release while it runs (a config change re-installs every job): the run goes on, nothing runs twice
        api().setConfig(APP, Map.of("UNRELATED", "x"));
        Poll.until("three slow runs started", WAIT, () -> {
            ScheduledJob slow = api().cron(APP).stream().filter(j -> j.name().equals("slow")).findFirst()
                    .orElseThrow();
            assertTrue(slow.running() <= 1, () -> "two slow runs at once: " + slow);
            samples.add(Instant.now());
            return count(cronLines(), "app[cron.2]: slow-start") >= 3;
        });
        List<String> lines = cronLines().stream().filter(l -> l.contains("app[cron.2]: slow-")).toList();
        List<Instant> starts = new ArrayList<>();
        String previous = "slow-end";
        for (String l : lines) {
            String what = l.substring(l.indexOf("]: ") + 3);
            if (what.equals("slow-start")) {
                assertEquals("slow-end", previous, () -> "a slow run started before the last one ended: " + lines);
                starts.add(OffsetDateTime.parse(l.substring(0, l.indexOf(' '))).toInstant());
            }
            previous = what;
        }
        for (int i = 1; i < starts.size(); i++) {
            long gap = Duration.between(starts.get(i - 1), starts.get(i)).toMillis();
            int n = i;
            assertTrue(gap >= 6500, () -> "slow runs " + n + " and " + (n + 1) + " only " + gap + " ms apart: " + lines);
        }
        System.out.println("[e2e] forbid starts: " + starts + " (" + samples.size() + " list samples)");
        api().removeCron(APP, "slow");
        assertEquals(List.of("tick"), api().cron(APP).stream().map(ScheduledJob::name).toList());
    }

    @Test
    @Order(4)
    void cronRunStartsOneNow() {
        api().addCron(APP, ScheduledJob.request("manual", "@yearly", "sh -c 'echo manual-run $GREETING'", "replace"));
        api().runCron(APP, "manual");
        Poll.until("the manual run's line", WAIT, () -> cronLines().stream()
                .anyMatch(l -> l.matches(".*app\\[cron\\.\\d+\\]: manual-run second")));
        ScheduledJob manual = Poll.value("manual's exit status", WAIT, () -> api().cron(APP).stream()
                .peek(j -> System.out.println("[e2e] " + j))
                .filter(j -> j.name().equals("manual") && j.lastExitStatus() != null).findFirst().orElse(null));
        assertEquals(0, manual.lastExitStatus());
    }

    @Test
    @Order(5)
    void jobsFireAgainAfterAReboot() {
        rebootAndSeeTicks();
        Instant back = Instant.now();
        // the fallback keeps only a job's newest ended runs (and their logs): look for a line newer than the reboot
        Poll.until("a tick in pvdify logs after the reboot", WAIT, () -> cronLines().stream()
                .filter(l -> l.contains("app[cron.1]: tick second"))
                .anyMatch(l -> OffsetDateTime.parse(l.substring(0, l.indexOf(' '))).toInstant().isAfter(back)));
    }

    @Test
    @Order(6)
    void appJsonOfTheDeployedImageDeclaresJobs() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createDirectories(Repo.workDir("cron-appjson-image"));
        java.nio.file.Files.writeString(dir.resolve("app.json"), """
                {"name": "ticker", "cron": [{"name": "from-image", "schedule": "*/3 * * * * *",
                  "command": "sh -c 'echo declared-in-app-json'"}],
                 "healthchecks": {"web": [{"type": "startup", "path": "/", "attempts": 3}]}}
                """);
        java.nio.file.Files.writeString(dir.resolve("Containerfile"),
                "FROM " + WORKER + "\nWORKDIR /srv/app\nCOPY app.json /srv/app/app.json\n");
        buildImage(dir, APPJSON_IMAGE);
        api().deploy(APP, new DeployRequest(APPJSON_IMAGE, null));
        ScheduledJob declared = api().cron(APP).stream().filter(j -> j.name().equals("from-image")).findFirst()
                .orElseThrow(() -> new AssertionError("no app.json job: " + api().cron(APP)));
        assertEquals("app.json", declared.source());
        Poll.until("the app.json job's output", WAIT, () -> cronLines().stream()
                .anyMatch(l -> l.endsWith("]: declared-in-app-json")));
    }

    @Test
    @Order(7)
    void deletingTheAppRemovesTimersAndRuns() {
        api().deleteApp(APP);
        Poll.until("no container and no cron unit of " + APP + " (" + containers(APP) + " " + cronUnits(APP) + ")",
                WAIT, () -> containers(APP).isEmpty() && cronUnits(APP).isEmpty());
    }

    List<String> cronLines() {
        return api().logs(APP, 500, "cron");
    }

    static int count(List<String> lines, String needle) {
        return (int) lines.stream().filter(l -> l.contains(needle)).count();
    }
}
