package win.pvdify.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import win.pvdify.fakes.CaddyProcess;

/**
 * Issue 3 on the systemd supervisor: a real systemd booted in a namespace (scripts/sysns.sh), Podman inside it,
 * and pvdifyd running INSIDE the namespace as a plain process (nsenter ... java -jar), so systemctl, journald,
 * /run and the unit dir are the namespace's. The network is the host's: dyno ports are checked from here.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SystemdScenarioIT extends RuntimeScenario {
    static final String UNIT_DIR = "/etc/systemd/system";
    static final String ENV_DIR = "/run/pvdify/env";
    static final int FIRST_PORT = 23000;
    static final int LAST_PORT = 23299;
    SystemNamespace ns;
    CaddyProcess caddy;
    PvdifyDaemon daemon;
    DynoHost host;

    @BeforeAll
    void boot() {
        Path work = Repo.workDir("systemd");
        Repo.pvdifydJar();
        HostPortRules.removeForPorts(FIRST_PORT, LAST_PORT); // an aborted earlier run's
        ns = SystemNamespace.start("e2esd");
        caddy = startCaddy(work);
        daemon = new PvdifyDaemon(() -> ns.prefix(), work, Map.of(
                "--supervisor", "systemd",
                "--podman-socket", "/run/podman/podman.sock",
                "--unit-dir", UNIT_DIR,
                "--env-dir", ENV_DIR,
                "--port-range", FIRST_PORT + "-" + LAST_PORT,
                "--base-domain", "e2e.test",
                "--caddy-admin-url", caddy.adminUrl(),
                "--caddy-server-name", caddy.serverName()), Map.of());
        host = new NamespaceHost();
        daemon.start();
    }

    @AfterAll
    void shutdown() {
        try {
            if (daemon != null) {
                daemon.close();
            }
        } finally {
            if (caddy != null) {
                caddy.close();
            }
            if (ns != null) {
                ns.close();
            }
            HostPortRules.removeForPorts(FIRST_PORT, LAST_PORT);
        }
    }

    @Override
    PvdifyDaemon daemon() {
        return daemon;
    }

    @Override
    DynoHost host() {
        return host;
    }

    /**
     * A host reboot: pvdifyd stops, the namespace's systemd powers off (every dyno unit stops, /run with the env
     * files is gone) and boots again. The dyno units are enabled under pvdify.target; pvdify-env.service (a test
     * edition of packaging's unit: the same `pvdifyd --write-env-files`, this run's flags, no hardening) writes the
     * env files at boot. So the apps must serve again BEFORE pvdifyd runs; only then is pvdifyd (a plain process
     * here, not pvdifyd.service) started again.
     */
    @Override
    void reboot() {
        List<Integer> ports = api().ps(APP).dynos().stream().filter(d -> "web".equals(d.type()))
                .map(d -> d.port()).toList();
        daemon.stop();
        installBootUnits();
        // An orderly shutdown of the apps first, and wait until Podman cleaned up after them: on a real host the
        // kernel forgets port forwardings at reboot, but this namespace shares the host's network, so a container
        // whose cleanup the power-off cut short would leave a stale DNAT rule on the same host port.
        Cmd.ok(ns.exec("systemctl", "stop", "pvdify.target"));
        Poll.until("no containers after stopping pvdify.target", LONG,
                () -> host.containers(APP).isEmpty() && host.containers(OTHER).isEmpty());
        ns.halt();
        ns.boot();
        for (int port : ports) {
            Poll.value("web on " + port + " answers after boot, without pvdifyd", LONG,
                    () -> HttpChecks.body200(port, "/"));
        }
        Poll.until("web and worker units active after boot, without pvdifyd (now " + host.activeDynos(APP) + ")",
                LONG, () -> host.activeDynos(APP).size() == 2);
        System.out.println("[e2e] after boot, before pvdifyd: " + host.activeDynos(APP) + " active");
        daemon.start();
    }

    /**
     * pvdify-env.service as packaging ships it but with this test's paths, and the namespace's boot target wanting
     * pvdify.target (on a real host, `systemctl enable pvdify.target` links it under multi-user.target).
     */
    void installBootUnits() {
        Path etc = ns.inside(UNIT_DIR);
        String javaCmd = ProcessHandle.current().info().command().orElse("java");
        String unit = """
                # test edition of packaging/systemd/pvdify-env.service (written by SystemdScenarioIT)
                [Unit]
                Description=Pvdify: write dyno env files (e2e)
                Before=pvdify.target

                [Service]
                Type=oneshot
                RemainAfterExit=yes
                ExecStart=%s -XX:+UseSerialGC -jar %s --write-env-files --dev --data-dir %s --env-dir %s
                TimeoutStartSec=120

                [Install]
                WantedBy=pvdify.target
                """.formatted(javaCmd, Repo.pvdifydJar(), daemon.dataDir(), ENV_DIR);
        try {
            Files.writeString(etc.resolve("pvdify-env.service"), unit);
            Path wants = Files.createDirectories(etc.resolve("pvdify-sysns.target.wants"));
            Path link = wants.resolve("pvdify.target");
            if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(link, Path.of(UNIT_DIR, "pvdify.target"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Units, containers and env files as the namespace sees them. */
    final class NamespaceHost implements DynoHost {
        Podman podman() {
            return new Podman(ns.exec("podman"));
        }

        @Override
        public List<String> containers(String app) {
            return podman().names(app, true);
        }

        @Override
        public List<String> runningContainers(String app) {
            return podman().names(app, false);
        }

        @Override
        public List<String> activeDynos(String app) {
            String out = ns.run("systemctl", "list-units", "--type=service", "--state=active", "--no-legend",
                    "--plain", "pvdify-" + app + ".*").output();
            return Arrays.stream(out.split("\n")).map(String::strip).filter(s -> !s.isEmpty())
                    .map(s -> s.split("\\s+")[0]).toList();
        }

        @Override
        public List<String> unitFiles(String app) {
            return list(ns.inside(UNIT_DIR), "pvdify-" + app + ".");
        }

        @Override
        public List<String> envFiles(String app) {
            return list(ns.inside(ENV_DIR), "pvdify-" + app + ".");
        }

        @Override
        public void killContainer(String name) {
            podman().ok("kill", "--signal", "KILL", name);
        }
    }

    static List<String> list(Path dir, String prefix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
