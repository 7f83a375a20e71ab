package win.pvdify.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import win.pvdify.container.ContainerCase;
import win.pvdify.dyno.DynoName;

/** `systemd-analyze verify` over every rendered golden unit (src/test/resources/containers) and pvdify.target: no warning at all. */
class UnitVerifyTest {

    @Test
    void renderedUnitsVerifyClean() throws Exception {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        Assumptions.assumeTrue(Files.isExecutable(analyze), "systemd-analyze is not installed");
        Path dir = Path.of("target/verify-units");
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
        try (var cases = ContainerCase.files()) {
            for (Path file : cases.toList()) {
                ContainerCase c = ContainerCase.read(file);
                if (c.isError() || c.unit().startsWith("!")) {
                    continue; // refused by the unit renderer (e.g. an interactive one-off): nothing to verify
                }
                Path unit = dir.resolve(DynoName.of(c.dyno()).unit());
                Files.writeString(unit, c.unit());
                cmd.add(unit.toAbsolutePath().toString());
            }
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        assertEquals("", out.strip(), "systemd-analyze verify complained");
        assertEquals(0, p.exitValue());
    }
}
