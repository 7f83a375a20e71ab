package win.pvdify.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import win.pvdify.addon.Addon;
import win.pvdify.addon.AddonContainer;
import win.pvdify.addon.AddonKind;
import win.pvdify.container.DynoIsolation;
import win.pvdify.dyno.AppNetworks;

/**
 * The systemd add-on runtime with a recording systemctl (the exact sequence of calls, the files it writes: the unit
 * without the password, the env file 0600 with it), and `systemd-analyze verify` over the units it renders.
 */
class SystemdAddonsTest {
    @TempDir
    Path dir;

    static final class RecordingSystemctl implements Systemctl {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void daemonReload() {
            calls.add("daemon-reload");
        }

        @Override
        public void enable(String unit) {
            calls.add("enable " + unit);
        }

        @Override
        public void disable(String unit) {
            calls.add("disable " + unit);
        }

        @Override
        public boolean start(String unit) {
            calls.add("start " + unit);
            return true;
        }

        @Override
        public void stop(String unit) {
            calls.add("stop " + unit);
        }

        @Override
        public boolean restart(String unit) {
            calls.add("restart " + unit);
            return true;
        }

        @Override
        public void resetFailed(String unit) {
            calls.add("reset-failed " + unit);
        }

        @Override
        public List<UnitStatus> show(List<String> units) {
            return List.of();
        }

        @Override
        public Map<String, String> properties(String unit, List<String> names) {
            return Map.of();
        }

        @Override
        public void startNoBlock(String unit) {
            calls.add("start --no-block " + unit);
        }

        @Override
        public List<String> listUnits(String glob) {
            return List.of();
        }
    }

    private static Addon addon(AddonKind kind, String name) {
        return new Addon(name, kind, "7", "docker.io/library/redis:7", "shop", Instant.EPOCH,
                List.of(new Addon.Attachment("shop", "REDIS_URL", "pvdify-shop", "10.213.4.254")));
    }

    @Test
    void applyWritesTheUnitAndASecretEnvFileThenRestartsIt() throws Exception {
        RecordingSystemctl systemctl = new RecordingSystemctl();
        Path units = dir.resolve("units");
        Path env = dir.resolve("env");
        // No Podman call on apply: a null API proves it.
        SystemdAddons addons = new SystemdAddons(systemctl, UnitSettings.defaults(), units, env, null,
                AppNetworks.NONE, DynoIsolation.NONE);
        AddonContainer c = addons.container(addon(AddonKind.REDIS, "shop-redis"), "s3cret-password");
        addons.apply(c);
        assertEquals(List.of("daemon-reload", "enable pvdify-addon-shop-redis.service",
                "restart pvdify-addon-shop-redis.service"), systemctl.calls);
        String unit = Files.readString(units.resolve("pvdify-addon-shop-redis.service"));
        assertFalse(unit.contains("s3cret-password"), unit);
        assertTrue(unit.contains("--network pvdify-shop:ip=10.213.4.254"), unit);
        Path envFile = env.resolve("pvdify-addon-shop-redis.env");
        assertTrue(Files.readString(envFile).contains("REDIS_PASSWORD=s3cret-password"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(envFile)));

        // pvdifyd start after a reboot: the env file (tmpfs) is back, the unit started without a rewrite
        Files.delete(envFile);
        systemctl.calls.clear();
        addons.revive(c);
        assertTrue(Files.exists(envFile));
        assertEquals(List.of("reset-failed pvdify-addon-shop-redis.service",
                "start pvdify-addon-shop-redis.service"), systemctl.calls);
    }

    @Test
    void renderedUnitsVerifyClean() throws Exception {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        Assumptions.assumeTrue(Files.isExecutable(analyze), "systemd-analyze is not installed");
        List<String> cmd = new ArrayList<>(List.of(analyze.toString(), "verify", "--man=no"));
        Path target = dir.resolve("pvdify.target");
        Files.writeString(target, UnitRenderer.target());
        cmd.add(target.toString());
        SystemdAddons addons = new SystemdAddons(new RecordingSystemctl(), UnitSettings.defaults(), dir, dir, null,
                AppNetworks.NONE, DynoIsolation.NONE);
        for (AddonKind kind : AddonKind.values()) {
            AddonContainer c = addons.container(addon(kind, "shop-" + kind.wire()), "pw");
            Path unit = dir.resolve(AddonUnitRenderer.unitName(c));
            Files.writeString(unit, AddonUnitRenderer.render(c, UnitSettings.defaults()));
            cmd.add(unit.toString());
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        assertEquals("", out.strip(), "systemd-analyze verify complained");
        assertEquals(0, p.exitValue());
    }
}
