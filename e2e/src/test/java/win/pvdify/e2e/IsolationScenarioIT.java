package win.pvdify.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import win.pvdify.api.CreateApp;
import win.pvdify.api.DeployRequest;
import win.pvdify.api.FormationEntry;
import win.pvdify.api.client.PvdifyClient;
import win.pvdify.fakes.CaddyProcess;

/**
 * Issue 17, items 1-3, end to end: a real systemd in a namespace (scripts/sysns.sh), Podman in it, real Caddy,
 * pvdifyd with the env shim, app networks and its nftables table. A hostile app (busybox with nc and wget) tries
 * from inside its dyno what a dyno must not reach; its dyno has no capabilities and its root is an unprivileged
 * host uid; no config value is found in any byte of Podman's storage, pvdifyd's data, /etc or the journal after a
 * deploy, a restart and a reboot.
 *
 * <p>The namespace shares the host's network: this class uses its own nftables table (e2eiso), its own pool of
 * app subnets (10.219.0.0/20) and network prefix (e2eiso-), so its rules match only its own dynos; all are removed
 * at the end. Ports 19800-19899.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StopAfterFailure.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class IsolationScenarioIT {
    static final String NS = "e2eiso";
    static final String TABLE = "e2eiso";
    static final String POOL = "10.219.0.0/20";
    static final String PREFIX = "e2eiso-";
    static final String ENV_DIR = "/run/pvdify/env";
    static final int FIRST_PORT = 19850;
    static final int LAST_PORT = 19899;
    static final int CADDY_HTTP = 19801;
    static final int CADDY_ADMIN = 19802;
    static final int HOST_SERVICE = 19810;
    static final String HOSTILE = "localhost/pvdify-test/hostile:latest";
    static final String WEB1 = "localhost/pvdify-test/web:1";
    static final String APP = "isoweb";
    static final String OTHER = "isoother";
    static final Duration LONG = Duration.ofSeconds(150);
    /** Values that must never be found on disk: random, so no other file holds them by chance. */
    static final String MARK_A = "e2eisoA" + HexFormat.of().formatHex(random(12));
    static final String MARK_B = "e2eisoB" + HexFormat.of().formatHex(random(12));
    static final String TRICKY = "q\"u'o$te= #x " + MARK_A + " \\end";

    SystemNamespace ns;
    CaddyProcess caddy;
    PvdifyDaemon daemon;
    ServerSocket hostService;
    Thread acceptor;
    Path shim;

    @BeforeAll
    void boot() throws IOException {
        Path work = Repo.workDir("isolation");
        Repo.pvdifydJar();
        shim = Repo.root().resolve("target/pvdify-env-shim");
        Cmd.ok(Repo.root().resolve("packaging/env-shim/build.sh").toString(), shim.toString());
        HostPortRules.removeForPorts(FIRST_PORT, LAST_PORT);
        Cmd.run(List.of("nft", "delete", "table", "inet", TABLE));
        // A host service on every address, as a database or a forgotten debug server would be: the dyno must
        // not reach it through its bridge gateway.
        hostService = new ServerSocket();
        hostService.bind(new InetSocketAddress("0.0.0.0", HOST_SERVICE));
        acceptor = Thread.ofPlatform().daemon().start(() -> {
            while (!hostService.isClosed()) {
                try (Socket s = hostService.accept()) {
                    s.getOutputStream().write("host service\n".getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // closed
                }
            }
        });
        ns = SystemNamespace.start(NS);
        caddy = new CaddyProcess(CaddyProcess.Options.of(work.resolve("caddy"), CADDY_HTTP, CADDY_ADMIN,
                "e2e.test")).start();
        daemon = new PvdifyDaemon(() -> ns.prefix(), work, flags(), Map.of());
        daemon.start();
    }

    Map<String, String> flags() {
        Map<String, String> f = new java.util.LinkedHashMap<>();
        f.put("--supervisor", "systemd");
        f.put("--unit-dir", "/etc/systemd/system");
        f.put("--env-dir", ENV_DIR);
        f.put("--port-range", FIRST_PORT + "-" + LAST_PORT);
        f.put("--base-domain", "e2e.test");
        f.put("--caddy-admin-url", caddy.adminUrl());
        f.put("--caddy-server-name", caddy.serverName());
        f.putAll(isolationFlags());
        return f;
    }

    Map<String, String> isolationFlags() {
        return Map.of("--env-shim", shim.toString(), "--network-prefix", PREFIX, "--network-pool", POOL,
                "--firewall-table", TABLE, "--firewall-host-ports", Integer.toString(CADDY_HTTP),
                "--dyno-userns", "auto");
    }

    @AfterAll
    void shutdown() throws IOException {
        try {
            if (daemon != null) {
                daemon.close();
            }
        } finally {
            if (caddy != null) {
                caddy.close();
            }
            if (ns != null) {
                ns.run("podman", "network", "rm", "-f", PREFIX + APP, PREFIX + OTHER);
                ns.close();
            }
            if (hostService != null) {
                hostService.close();
            }
            Cmd.run(List.of("nft", "delete", "table", "inet", TABLE));
            HostPortRules.removeForPorts(FIRST_PORT, LAST_PORT);
        }
    }

    PvdifyClient api() {
        return daemon.client();
    }

    Podman podman() {
        return new Podman(ns.exec("podman"));
    }

    @Test
    @Order(1)
    void appsDeployOnTheirOwnNetworksAndServeThroughCaddy() {
        api().createApp(new CreateApp(APP, null));
        api().createApp(new CreateApp(OTHER, null));
        api().setConfig(APP, Map.of("SECRET_A", TRICKY));
        api().setConfig(OTHER, Map.of("SECRET_B", MARK_B));
        api().scale(OTHER, List.of(new FormationEntry("web", 1, null),
                new FormationEntry("worker", 1, "httpd -f -p 5001 -h /www")));
        api().deploy(OTHER, new DeployRequest(WEB1, null));
        api().deploy(APP, new DeployRequest(HOSTILE, null));
        String body = Poll.value("isoweb through Caddy", LONG,
                () -> HttpChecks.body200Host(CADDY_HTTP, "isoweb.e2e.test", "/"));
        assertTrue(body.contains("pvdify-test web v1"), body);
        // the env shim gave the app its config, byte for byte
        assertEquals(TRICKY, HttpChecks.body200Host(CADDY_HTTP, "isoweb.e2e.test", "/cgi-bin/env?SECRET_A"));
        assertEquals("5000", HttpChecks.body200Host(CADDY_HTTP, "isoweb.e2e.test", "/cgi-bin/env?PORT"));
        Poll.until("isoother's worker up", LONG, () -> containers(OTHER, "worker").size() == 1);
        assertEquals(PREFIX + APP, network(container(APP, "web")));
        assertEquals(PREFIX + OTHER, network(container(OTHER, "worker")));
        String unit = ns.run("systemctl", "cat", "pvdify-" + APP + ".*").output();
        assertFalse(unit.contains("--env-file"), unit);
        assertTrue(unit.contains("--cap-drop ALL") && unit.contains("--userns auto"), unit);
    }

    @Test
    @Order(2)
    void fromInsideADynoNothingButItsOwnAppAnswers() {
        String c = container(APP, "web");
        String gateway = podman().ok("network", "inspect", PREFIX + APP, "--format",
                "{{range .Subnets}}{{.Gateway}}{{end}}").strip();
        String otherWeb = ip(container(OTHER, "web"));
        String otherWorker = ip(container(OTHER, "worker"));
        String self = ip(c);
        // Controls: the tools work, and every target really listens (seen from the host).
        assertTrue(connects(c, self, 5000), "the dyno reaches its own port");
        assertTrue(hostConnects(otherWorker, 5001), "isoother's worker listens on " + otherWorker + ":5001");
        assertTrue(hostConnects(otherWeb, 5000), "isoother's web listens");
        assertTrue(hostConnects(gateway, HOST_SERVICE), "the host service answers on the gateway address");
        List<String> reached = new ArrayList<>();
        Map<String, Integer> targets = new java.util.LinkedHashMap<>();
        targets.put("127.0.0.1:" + daemon.port(), 0); // pvdifyd on loopback (the dyno's own loopback)
        targets.put(gateway + ":" + daemon.port(), 0); // pvdifyd through the bridge gateway
        targets.put("127.0.0.1:" + CADDY_ADMIN, 0); // Caddy's admin API
        targets.put(gateway + ":" + CADDY_ADMIN, 0);
        targets.put(gateway + ":" + HOST_SERVICE, 0); // a host service bound to every address
        targets.put(gateway + ":22", 0);
        targets.put(otherWeb + ":5000", 0); // another app's web dyno
        targets.put(otherWorker + ":5001", 0); // another app's worker
        targets.put("169.254.169.254:80", 0); // cloud metadata
        for (String t : targets.keySet()) {
            String[] hp = t.split(":");
            if (connects(c, hp[0], Integer.parseInt(hp[1]))) {
                reached.add(t);
            }
        }
        assertEquals(List.of(), reached, "a dyno of " + APP + " reached these");
        // a raw socket would let it forge packets to 127.0.0.1 through the bridge (route_localnet): no capability
        Cmd.Result raw = podman().run("exec", c, "ip", "route", "add", "127.0.0.0/8", "via", gateway);
        assertFalse(raw.ok(), "route change inside the dyno: " + raw.output());
        // the app itself still serves through Caddy
        assertTrue(HttpChecks.body200Host(CADDY_HTTP, "isoweb.e2e.test", "/").contains("pvdify-test web v1"));
    }

    @Test
    @Order(3)
    void dynoRootIsAnUnprivilegedHostUidWithoutCapabilities() {
        for (String c : List.of(container(APP, "web"), container(OTHER, "worker"))) {
            String caps = podman().ok("exec", c, "sh", "-c", "cat /proc/[0-9]*/status | busybox grep CapEff");
            assertTrue(caps.lines().allMatch(l -> l.strip().equals("CapEff:\t0000000000000000")), c + ": " + caps);
            String pid = podman().ok("inspect", c, "--format", "{{.State.Pid}}").strip();
            String status = ns.run("cat", "/proc/" + pid + "/status").output();
            String uid = status.lines().filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow();
            long hostUid = Long.parseLong(uid.split("\\s+")[1]);
            assertNotEquals(0, hostUid, c + " runs as host root: " + uid);
            assertTrue(hostUid >= 100_000, c + ": host uid " + hostUid);
            String inside = podman().ok("exec", c, "busybox", "id", "-u").strip();
            assertEquals("0", inside, "root inside " + c);
            System.out.println("[e2e] " + c + ": container root is host uid " + hostUid);
        }
    }

    @Test
    @Order(4)
    void noConfigValueOnDiskAfterDeploy() {
        assertNoValueOnDisk("after deploy");
    }

    @Test
    @Order(5)
    void noConfigValueOnDiskAfterRestart() {
        String before = container(APP, "web");
        api().restart(APP, null);
        api().restart(OTHER, null);
        Poll.until("new isoweb dyno after the restart", LONG,
                () -> !containers(APP, "web").isEmpty() && !containers(APP, "web").contains(before));
        Poll.value("isoweb serves after the restart", LONG,
                () -> HttpChecks.body200Host(CADDY_HTTP, "isoweb.e2e.test", "/cgi-bin/env?SECRET_A"));
        assertNoValueOnDisk("after restart");
    }

    @Test
    @Order(6)
    void afterARebootTheFirewallIsBackBeforePvdifydAndNoValueIsOnDisk() {
        daemon.stop();
        installBootUnit();
        Cmd.ok(ns.exec("systemctl", "stop", "pvdify.target"));
        Poll.until("no containers after stopping pvdify.target", LONG,
                () -> podman().names(APP, true).isEmpty() && podman().names(OTHER, true).isEmpty());
        ns.halt();
        HostPortRules.removeForPorts(FIRST_PORT, LAST_PORT);
        Cmd.ok("nft", "delete", "table", "inet", TABLE); // a real reboot forgets it too
        try {
            ns.boot();
        } catch (RuntimeException e) {
            for (List<String> diag : List.of(List.of("systemctl", "list-jobs", "--no-pager"),
                    List.of("systemctl", "--failed", "--no-pager"),
                    List.of("journalctl", "-b", "-n", "150", "--no-pager"))) {
                List<String> cmd = new ArrayList<>(List.of(Repo.script("sysns.sh"), "exec", NS));
                cmd.addAll(diag);
                System.out.println("[e2e] " + diag + ":\n" + Cmd.run(cmd, 30).output());
            }
            throw e;
        }
        String served = Poll.value("isoweb's value after boot, without pvdifyd", LONG, () -> {
            var web = podman().names(APP, false);
            if (web.isEmpty()) {
                return null;
            }
            String port = podman().ok("inspect", web.get(0), "--format", "{{index .Config.Labels \"pvdify.port\"}}")
                    .strip();
            return port.isEmpty() ? null : HttpChecks.body200(Integer.parseInt(port), "/cgi-bin/env?SECRET_A");
        });
        assertEquals(TRICKY, served);
        assertTrue(Cmd.run(List.of("nft", "list", "table", "inet", TABLE)).ok(),
                "pvdify-env.service loaded the firewall at boot");
        daemon.start();
        Poll.value("isoweb through Caddy after the reboot", LONG,
                () -> HttpChecks.body200Host(CADDY_HTTP, "isoweb.e2e.test", "/"));
        assertFalse(connects(container(APP, "web"), ip(container(OTHER, "worker")), 5001),
                "isolation after the reboot");
        assertNoValueOnDisk("after reboot");
    }

    @Test
    @Order(7)
    void deletingAnAppRemovesItsNetwork() {
        api().deleteApp(APP);
        api().deleteApp(OTHER);
        Poll.until("app networks gone", LONG, () -> !podman().run("network", "exists", PREFIX + APP).ok()
                && !podman().run("network", "exists", PREFIX + OTHER).ok());
    }

    // ---- helpers ----

    /** Every byte of Podman's storage, pvdifyd's data, /etc (host and namespace) and the journal. */
    void assertNoValueOnDisk(String when) {
        List<String> found = new ArrayList<>();
        for (Path root : List.of(ns.inside("/var/lib/containers"), daemon.dataDir(), Path.of("/etc"),
                ns.inside("/etc/systemd/system"))) {
            found.addAll(scan(root));
        }
        String journal = ns.run("journalctl", "-o", "export", "--no-pager").output();
        if (journal.contains(MARK_A) || journal.contains(MARK_B)) {
            found.add("the journal");
        }
        assertEquals(List.of(), found, "config values found on disk " + when);
        System.out.println("[e2e] no config value on disk " + when + " (journal: " + journal.length() + " chars)");
    }

    static List<String> scan(Path root) {
        byte[][] needles = {MARK_A.getBytes(StandardCharsets.UTF_8), MARK_B.getBytes(StandardCharsets.UTF_8)};
        List<String> hits = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return hits;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && attrs.size() < 512L * 1024 * 1024) {
                        try {
                            byte[] bytes = Files.readAllBytes(file);
                            for (byte[] n : needles) {
                                if (indexOf(bytes, n) >= 0) {
                                    hits.add(file.toString());
                                    break;
                                }
                            }
                        } catch (IOException e) {
                            // unreadable (a socket or a file that went away): nothing to find
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hits;
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Whether a TCP connection from inside the container succeeds (busybox nc, 2 s). */
    boolean connects(String container, String host, int port) {
        Cmd.Result r = podman().run("exec", container, "nc", "-w", "2", host, Integer.toString(port));
        return r.ok();
    }

    static boolean hostConnects(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    List<String> containers(String app, String type) {
        String out = podman().ok("ps", "--filter", "label=pvdify.app=" + app, "--filter", "label=pvdify.type=" + type,
                "--format", "{{.Names}}");
        return out.lines().map(String::strip).filter(s -> !s.isEmpty()).sorted().toList();
    }

    String container(String app, String type) {
        return Poll.value(app + " " + type + " running", LONG,
                () -> containers(app, type).stream().findFirst().orElse(null));
    }

    String ip(String container) {
        return podman().ok("inspect", container, "--format",
                "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}").strip();
    }

    String network(String container) {
        return podman().ok("inspect", container, "--format",
                "{{range $k, $v := .NetworkSettings.Networks}}{{$k}}{{end}}").strip();
    }

    /** pvdify-env.service as packaging ships it, with this test's flags (env files AND firewall at boot). */
    void installBootUnit() {
        Path etc = ns.inside("/etc/systemd/system");
        String javaCmd = ProcessHandle.current().info().command().orElse("java");
        StringBuilder iso = new StringBuilder();
        isolationFlags().forEach((k, v) -> iso.append(' ').append(k).append(' ').append(v));
        String unit = """
                # test edition of packaging/systemd/pvdify-env.service (written by IsolationScenarioIT)
                [Unit]
                Description=Pvdify: write dyno env files and load the firewall (e2e)
                Before=pvdify.target

                [Service]
                Type=oneshot
                RemainAfterExit=yes
                ExecStart=%s -XX:+UseSerialGC -jar %s --write-env-files --dev --data-dir %s --env-dir %s%s
                TimeoutStartSec=120

                [Install]
                WantedBy=pvdify.target
                """.formatted(javaCmd, Repo.pvdifydJar(), daemon.dataDir(), ENV_DIR, iso);
        try {
            Files.writeString(etc.resolve("pvdify-env.service"), unit);
            Path wants = Files.createDirectories(etc.resolve("pvdify-sysns.target.wants"));
            Path link = wants.resolve("pvdify.target");
            if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(link, Path.of("/etc/systemd/system/pvdify.target"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] random(int n) {
        byte[] b = new byte[n];
        new java.security.SecureRandom().nextBytes(b);
        return b;
    }
}
