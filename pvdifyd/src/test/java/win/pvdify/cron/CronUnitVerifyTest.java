package win.pvdify.cron;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import win.pvdify.systemd.UnitRenderer;

/** `systemd-analyze verify` over every rendered cron .timer and .service (src/test/resources/cron): no warning. */
class CronUnitVerifyTest {

    @Test
    void renderedTimersAndServicesVerifyClean() throws Exception {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        Assumptions.assumeTrue(Files.isExecutable(analyze), "systemd-analyze is not installed");
        Path dir = Path.of("target/verify-cron-units");
        if (Files.exists(dir)) {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
        List<String> cmd = new ArrayList<>(List.of(analyze.toString(), "verify", "--man=no"));
        Path target = dir.resolve("pvdify.target");
        Files.writeString(target, UnitRenderer.target());
        cmd.add(target.toAbsolutePath().toString());
        try (var cases = CronUnitGoldenTest.cases()) {
            for (Path file : cases.toList()) {
                String text = Files.readString(file);
                if (text.contains("## assert-error-contains")) {
                    continue;
                }
                Map<String, String> in = new LinkedHashMap<>();
                for (String line : text.split("(?m)^" + CronUnitGoldenTest.SEPARATOR + "\n", -1)[0].split("\n")) {
                    if (!line.startsWith("#") && line.contains(": ")) {
                        in.put(line.substring(0, line.indexOf(": ")), line.substring(line.indexOf(": ") + 2));
                    }
                }
                String[] units = CronUnitGoldenTest.render(in);
                String base = "pvdify-" + in.get("app") + ".cron." + in.get("number");
                Files.writeString(dir.resolve(base + ".timer"), units[0]);
                Files.writeString(dir.resolve(base + ".service"), units[1]);
                cmd.add(dir.resolve(base + ".timer").toAbsolutePath().toString());
                cmd.add(dir.resolve(base + ".service").toAbsolutePath().toString());
            }
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        assertEquals("", out.strip(), "systemd-analyze verify complained");
        assertEquals(0, p.exitValue());
    }
}
