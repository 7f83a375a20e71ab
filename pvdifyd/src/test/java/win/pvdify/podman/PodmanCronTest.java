package win.pvdify.podman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import win.pvdify.api.Resources;
import win.pvdify.cron.CronJob;
import win.pvdify.cron.CronPolicy;
import win.pvdify.engine.DesiredApp;
import win.pvdify.systemd.EnvFiles;

/**
 * The fallback's scheduler on a clock the test moves, against an in-memory Podman (containers with labels and
 * states; the test ends runs itself): firings, forbid skipping while a run goes on, replace, allow, no catch-up.
 */
class PodmanCronTest {
    @TempDir
    Path dir;
    Instant now = Instant.parse("2026-12-07T10:00:00Z");
    final Map<String, Ctr> containers = new LinkedHashMap<>();
    final List<String> calls = new ArrayList<>();

    record Ctr(String name, Map<String, String> labels, String state, Instant startedAt, int exitCode) {
    }

    final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @SuppressWarnings("unchecked")
    PodmanApi podman() {
        ObjectMapper json = new ObjectMapper();
        return (PodmanApi) Proxy.newProxyInstance(PodmanApi.class.getClassLoader(), new Class<?>[] {PodmanApi.class},
                (p, m, a) -> switch (m.getName()) {
                    case "createContainer" -> {
                        JsonNode body = json.readTree(((PodmanCreateBody) a[0]).json());
                        String name = body.get("name").asText();
                        if (containers.containsKey(name)) {
                            throw new PodmanException(409, "name in use: " + name);
                        }
                        containers.put(name, new Ctr(name, json.convertValue(body.get("labels"), Map.class),
                                "created", null, 0));
                        calls.add("create " + name + " " + body.get("command"));
                        yield name;
                    }
                    case "startContainer" -> {
                        Ctr c = containers.get((String) a[0]);
                        containers.put(c.name(), new Ctr(c.name(), c.labels(), "running", now, 0));
                        yield null;
                    }
                    case "removeContainer" -> {
                        calls.add("remove " + a[0]);
                        containers.remove((String) a[0]);
                        yield null;
                    }
                    case "listContainers" -> containers.values().stream()
                            .filter(c -> ((List<String>) a[0]).stream().allMatch(f -> matches(c.labels(), f)))
                            .map(c -> new ContainerSummary(c.name(), c.name(), c.state(), c.labels(), c.startedAt(),
                                    c.exitCode()))
                            .toList();
                    case "inspectContainer" -> Optional.empty();
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    static boolean matches(Map<String, String> labels, String filter) {
        int eq = filter.indexOf('=');
        return eq < 0 ? labels.containsKey(filter) : filter.substring(eq + 1).equals(labels.get(filter.substring(0, eq)));
    }

    void end(String name, int exit) {
        Ctr c = containers.get(name);
        containers.put(name, new Ctr(name, c.labels(), "exited", c.startedAt(), exit));
    }

    void at(String time, PodmanCron cron) {
        now = Instant.parse("2026-12-07T" + time + "Z");
        cron.tick();
    }

    DesiredApp release() {
        return new DesiredApp("shop", 3, "example.com/shop:1", Map.of("A", "b"), List.of(), 5000,
                new Resources(256, null), null, false, List.of());
    }

    PodmanCron cron() {
        return new PodmanCron(podman(), new EnvFiles(Path.of("/run/pvdify/env"), dir), PodmanSupervisor.profile(0, 30,
                null), clock, true);
    }

    @Test
    void firesOnScheduleAndForbidSkipsWhileARunGoesOn() throws Exception {
        PodmanCron cron = cron();
        CronJob job = new CronJob("shop", 1, "tick", "*/10 * * * * *", "bin/tick --now", CronPolicy.FORBID,
                CronJob.Source.CLI);
        cron.sync("shop", List.of(job), release());
        assertEquals(Instant.parse("2026-12-07T10:00:10Z"), cron.states("shop", List.of(job)).get(0).nextRunAt());
        at("10:00:05", cron);
        assertTrue(calls.isEmpty(), calls::toString);
        at("10:00:10", cron);
        assertEquals(1, calls.size(), calls::toString);
        assertTrue(calls.get(0).matches("create pvdify-shop\\.cron\\.1\\.r[0-9a-z]+ \\[\"bin/tick\",\"--now\"\\]"),
                calls::toString);
        assertEquals(Map.of("A", "b", "PORT", "5000"), new EnvFiles(Path.of("/run/pvdify/env"), dir)
                .read(Path.of("/run/pvdify/env/pvdify-shop.v3.env")), "the release's env file, written for the run");
        assertEquals(1, cron.states("shop", List.of(job)).get(0).running());

        at("10:00:20", cron); // still running: skipped
        at("10:00:21", cron);
        assertEquals(1, calls.size(), calls::toString);
        endAll(3);
        var state = cron.states("shop", List.of(job)).get(0);
        assertEquals(3, state.lastExitStatus());
        assertEquals(Instant.parse("2026-12-07T10:00:10Z"), state.lastRunAt());
        assertEquals(Instant.parse("2026-12-07T10:00:30Z"), state.nextRunAt());

        at("10:00:30", cron); // the ended run stays (its logs), a new one starts beside it
        assertEquals(2, containers.size(), containers::toString);
        endAll(0);
        // pvdifyd was down for a while: missed firings are not made up, the next one fires once
        at("10:05:00", cron);
        at("10:05:01", cron);
        assertEquals(3, calls.stream().filter(c -> c.startsWith("create")).count(), calls::toString);
        for (String t : List.of("10:05:10", "10:05:20", "10:05:30", "10:05:40", "10:05:50")) {
            endAll(0);
            at(t, cron);
        }
        assertEquals(PodmanCron.KEEP_ENDED, containers.size(), "the newest ended runs are kept: " + containers.keySet());
    }

    void endAll(int exit) {
        for (String name : List.copyOf(containers.keySet())) {
            if (containers.get(name).state().equals("running")) {
                end(name, exit);
            }
        }
    }

    @Test
    void replaceStopsTheRunningOneAndAllowRunsBoth() {
        PodmanCron cron = cron();
        CronJob replace = new CronJob("shop", 1, "r", "*/10 * * * * *", "bin/r", CronPolicy.REPLACE, CronJob.Source.CLI);
        CronJob allow = new CronJob("shop", 2, "a", "*/10 * * * * *", "bin/a", CronPolicy.ALLOW, CronJob.Source.CLI);
        cron.sync("shop", List.of(replace, allow), release());
        at("10:00:10", cron);
        at("10:00:20", cron);
        assertEquals(1, containers.keySet().stream().filter(n -> n.startsWith("pvdify-shop.cron.1.")).count(),
                containers.keySet()::toString);
        assertTrue(calls.stream().anyMatch(c -> c.startsWith("remove pvdify-shop.cron.1.r")), calls::toString);
        assertEquals(2, cron.states("shop", List.of(replace, allow)).get(1).running(), "allow: both run");
        assertTrue(containers.keySet().stream().filter(n -> n.startsWith("pvdify-shop.cron.2.r")).count() == 2,
                containers.keySet()::toString);
    }

    @Test
    void syncWithoutAReleaseOrJobRemovesRunsAndRunNowFollowsThePolicy() {
        PodmanCron cron = cron();
        CronJob job = new CronJob("shop", 1, "tick", "@yearly", "bin/tick", CronPolicy.FORBID, CronJob.Source.CLI);
        cron.sync("shop", List.of(job), release());
        assertTrue(cron.runNow(job, release()));
        assertFalse(cron.runNow(job, release()), "forbid: not while it runs");
        cron.sync("shop", List.of(), release());
        assertTrue(containers.isEmpty(), "a removed job's run goes with it");
        assertTrue(cron.runNow(job, release()));
        cron.removeAll("shop");
        assertTrue(containers.isEmpty());
        assertTrue(Files.isDirectory(dir));
        assertEquals(Duration.ZERO, Duration.ZERO);
    }
}
