package win.pvdify.cron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import win.pvdify.container.ContainerSpec;
import win.pvdify.systemd.CronUnitRenderer;
import win.pvdify.systemd.SystemdSupervisor;
import win.pvdify.systemd.UnitSettings;

/**
 * Every src/test/resources/cron/*.case is one cron job: `key: value` lines, then `----------`, the expected
 * .timer, `----------`, the expected .service. `## assert-error-contains TEXT` cases must be refused;
 * `## assert-contains TEXT` checks the service. -Dgolden.update=true rewrites the expected parts.
 */
class CronUnitGoldenTest {
    static final String SEPARATOR = "----------";

    static Stream<Path> cases() throws IOException {
        return Files.list(Path.of("src/test/resources/cron")).filter(p -> p.toString().endsWith(".case")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersTimerAndService(Path file) throws IOException {
        String text = Files.readString(file);
        String[] parts = text.split("(?m)^" + SEPARATOR + "\n", -1);
        Map<String, String> in = new LinkedHashMap<>();
        List<String> asserts = new ArrayList<>();
        for (String line : parts[0].split("\n")) {
            if (line.startsWith("## ")) {
                asserts.add(line.substring(3));
            } else if (!line.startsWith("#") && line.contains(": ")) {
                int i = line.indexOf(": ");
                in.put(line.substring(0, i), line.substring(i + 2).replace("\\n", "\n"));
            }
        }
        String error = asserts.stream().filter(a -> a.startsWith("assert-error-contains "))
                .map(a -> a.substring("assert-error-contains ".length())).findFirst().orElse(null);
        if (error != null) {
            var e = assertThrows(IllegalArgumentException.class, () -> render(in));
            assertTrue(e.getMessage().contains(error), e.getMessage());
            return;
        }
        String[] units = render(in);
        for (String a : asserts) {
            if (a.startsWith("assert-contains ")) {
                String needle = a.substring("assert-contains ".length());
                assertTrue(units[1].contains(needle), "missing [" + needle + "] in\n" + units[1]);
            } else {
                fail("unknown assertion: " + a);
            }
        }
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(file, parts[0] + SEPARATOR + "\n" + units[0] + SEPARATOR + "\n" + units[1]);
        } else {
            assertEquals(parts[1], units[0], "timer of " + file);
            assertEquals(parts[2], units[1], "service of " + file);
        }
    }

    static String[] render(Map<String, String> in) {
        boolean seconds = Boolean.parseBoolean(in.getOrDefault("seconds", "false"));
        CronJob job = new CronJob(in.get("app"), Integer.parseInt(in.get("number")), in.get("name"),
                in.get("schedule"), in.get("command"), CronPolicy.fromWire(in.get("policy")).orElseThrow(),
                CronJob.Source.CLI);
        CronSchedule schedule = CronSchedule.parse(job.schedule(), seconds);
        UnitSettings settings = UnitSettings.defaults();
        var release = new CronContainers.Release(Integer.parseInt(in.get("release")), in.get("image"),
                in.containsKey("env_file") ? Path.of(in.get("env_file")) : null,
                in.containsKey("memory") ? Integer.valueOf(in.get("memory")) : null, null);
        ContainerSpec c = CronContainers.forRun(job, CronRunName.of(job), release,
                SystemdSupervisor.profile(settings));
        return new String[] {CronUnitRenderer.timer(job, schedule, settings), CronUnitRenderer.service(job, c, settings)};
    }
}
