package win.pvdify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DaemonConfigLoaderTest {

    @Test
    void devDefaults() {
        DaemonConfig c = DaemonConfigLoader.load(new String[] {"--dev"}, Map.of());
        assertEquals("127.0.0.1", c.host());
        assertEquals(9443, c.port());
        assertEquals(Path.of(".pvdify-dev").toAbsolutePath(), c.dataDir());
        assertEquals("pvdify.localhost", c.baseDomain());
        assertEquals(new DaemonConfig.PortRange(20000, 29999), c.portRange());
        assertEquals(1024 * 1024, c.maxBodyBytes());
        assertEquals("auto", c.supervisor());
        assertNull(c.cloudflareToken());
        assertEquals(c.dataDir().resolve("keyset.json"), c.keysetFile());
    }

    @Test
    void buildLimitsHaveDefaultsAndSettings() {
        DaemonConfig d = DaemonConfigLoader.load(new String[] {"--dev"}, Map.of());
        assertEquals(win.pvdify.build.BuildLimits.defaults(), d.limits().builds());
        DaemonConfig c = DaemonConfigLoader.load(new String[] {"--dev", "--max-source-bytes", "1048576",
            "--build-timeout", "600", "--build-memory-mb", "512", "--build-cpus", "0.5"}, Map.of());
        assertEquals(new win.pvdify.build.BuildLimits(512L << 20, 0.5, java.time.Duration.ofMinutes(10), 1048576),
                c.limits().builds());
        for (String[] bad : new String[][] {{"--build-timeout", "5"}, {"--build-cpus", "NaN"},
            {"--max-source-bytes", "x"}, {"--build-memory-mb", "-1"}}) {
            org.junit.jupiter.api.Assertions.assertThrows(DaemonConfigLoader.BadConfig.class,
                    () -> DaemonConfigLoader.load(new String[] {"--dev", bad[0], bad[1]}, Map.of()), bad[0]);
        }
    }

    @Test
    void aConfigFileOfOnlyCommentsIsNoSettings() throws Exception {
        Path file = TestDaemon.newDataDir().resolve("pvdifyd.yaml");
        Files.writeString(file, "# pvdifyd settings: uncomment to change\n# port: 9443\n\n");
        DaemonConfig c = DaemonConfigLoader.load(new String[] {"--config", file.toString()}, Map.of());
        assertEquals(9443, c.port());
    }

    @Test
    void fileThenEnvThenFlags() throws Exception {
        Path dir = TestDaemon.newDataDir();
        Path file = dir.resolve("pvdifyd.yaml");
        Files.writeString(file, "port: 9000\nbase_domain: apps.example.com\nsupervisor: podman\nport-range: 30000-30010\n");
        DaemonConfig c = DaemonConfigLoader.load(new String[] {"--config", file.toString(), "--port=9100"},
                Map.of("PVDIFY_PORT", "9050", "PVDIFY_BASE_DOMAIN", "env.example.com", "CLOUDFLARE_API_TOKEN", "cf"));
        assertEquals(9100, c.port());
        assertEquals("env.example.com", c.baseDomain());
        assertEquals("podman", c.supervisor());
        assertEquals(new DaemonConfig.PortRange(30000, 30010), c.portRange());
        assertEquals("cf", c.cloudflareToken());
    }

    @Test
    void aFileOfOnlyCommentsIsEmpty() throws Exception {
        Path dir = TestDaemon.newDataDir();
        Path file = dir.resolve("pvdifyd.yaml");
        Files.writeString(file, "# every setting has a default\n# port: 9443\n\n");
        DaemonConfig c = DaemonConfigLoader.load(new String[] {"--config", file.toString()}, Map.of());
        assertEquals(9443, c.port());
        Files.writeString(file, "");
        assertEquals(9443, DaemonConfigLoader.load(new String[] {"--config", file.toString()}, Map.of()).port());
    }

    @Test
    void theInstalledTemplateLoads() {
        Path template = Path.of("..", "packaging", "pvdifyd.yaml");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(template), "no packaging/pvdifyd.yaml");
        DaemonConfig c = DaemonConfigLoader.load(new String[] {"--config", template.toString()}, Map.of());
        assertEquals(9443, c.port());
    }

    @Test
    void badInputIsAClearError() {
        assertThrows(DaemonConfigLoader.BadConfig.class, () -> DaemonConfigLoader.load(new String[] {"--nope", "1"}, Map.of()));
        assertThrows(DaemonConfigLoader.BadConfig.class, () -> DaemonConfigLoader.load(new String[] {"--port", "x"}, Map.of()));
        assertThrows(DaemonConfigLoader.BadConfig.class, () -> DaemonConfigLoader.load(new String[] {"--port"}, Map.of()));
        assertThrows(DaemonConfigLoader.BadConfig.class,
                () -> DaemonConfigLoader.load(new String[] {"--dev", "--supervisor", "k8s"}, Map.of()));
        assertThrows(DaemonConfigLoader.BadConfig.class,
                () -> DaemonConfigLoader.load(new String[] {"--dev", "--port-range", "9-1"}, Map.of()));
        assertThrows(DaemonConfigLoader.BadConfig.class,
                () -> DaemonConfigLoader.load(new String[] {"--config", "/nonexistent/x.yaml"}, Map.of()));
    }

    @Test
    void isolationDefaultsAndSwitches() {
        IsolationSettings prod = DaemonConfigLoader.load(new String[] {"--config", "/dev/null"}, Map.of()).isolation();
        assertEquals("pvdify-", prod.networkPrefix());
        assertEquals("pvdify", prod.firewallTable());
        assertEquals("10.213.0.0/16", prod.networkPool());
        assertEquals(java.util.List.of(80, 443), prod.firewallHostPorts());
        assertNull(prod.userns(), "opt-in until Podman's user namespace bugs are behind us");
        assertEquals(4096, prod.pidsLimit());
        assertEquals(512, prod.memoryMb());
        assertEquals(Path.of("/usr/lib/pvdify/pvdify-env-shim"), prod.envShim());
        // host-wide state (CNI networks, nftables) only when asked for in --dev
        IsolationSettings dev = DaemonConfigLoader.load(new String[] {"--dev"}, Map.of()).isolation();
        assertNull(dev.networkPrefix());
        assertNull(dev.firewallTable());
        assertEquals("auto", DaemonConfigLoader.load(new String[] {"--dev", "--dyno-userns", "auto"}, Map.of())
                .isolation().userns());
        IsolationSettings off = DaemonConfigLoader.load(new String[] {"--dev", "--dyno-userns", "host",
                "--dyno-memory-mb", "off", "--env-shim", "off", "--dyno-cap-add", "net_bind_service, CAP_CHOWN"},
                Map.of()).isolation();
        assertNull(off.userns());
        assertNull(off.memoryMb());
        assertNull(off.envShim());
        assertEquals(java.util.List.of("CAP_NET_BIND_SERVICE", "CAP_CHOWN"), off.capAdd());
        assertNull(off.dynos().envShim(), "no shim binary, no shim");
    }

    @Test
    void badIsolationSettingsAreClearErrors() {
        for (String[] bad : java.util.List.of(new String[] {"--network-pool", "10.0.0.1/16"},
                new String[] {"--network-prefix", "Bad_Prefix"}, new String[] {"--firewall-table", "x; flush ruleset"},
                new String[] {"--firewall-host-ports", "80,99999"}, new String[] {"--dyno-cap-add", "NET_ADMIN x"},
                new String[] {"--dyno-userns", "keep-id"}, new String[] {"--dyno-pids-limit", "3"})) {
            String[] args = new String[bad.length + 1];
            args[0] = "--dev";
            System.arraycopy(bad, 0, args, 1, bad.length);
            assertThrows(DaemonConfigLoader.BadConfig.class, () -> DaemonConfigLoader.load(args, Map.of()),
                    String.join(" ", bad));
        }
    }
}
