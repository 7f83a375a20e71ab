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
    SystemNamespace ns;
    CaddyProcess caddy;
    PvdifyDaemon daemon;
    DynoHost host;

    @BeforeAll
    void boot() {
        Path work = Repo.workDir("systemd");
        Repo.pvdifydJar();
        ns = SystemNamespace.start("e2esd");
        caddy = startCaddy(work);
        daemon = new PvdifyDaemon(() -> ns.prefix(), work, Map.of(
                "--supervisor", "systemd",
                "--podman-socket", "/run/podman/podman.sock",
                "--unit-dir", UNIT_DIR,
                "--env-dir", ENV_DIR,
                "--port-range", "23000-23299",
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
     * files is gone) and boots again. pvdifyd runs here as a plain process, not as pvdifyd.service, so it is
     * started again by the test after the boot; the dyno units are enabled under pvdify.target and start on
     * their own at boot (their env files are written by pvdify-env.service on a packaged host, by pvdifyd here).
     */
    @Override
    void reboot() {
        daemon.stop();
        ns.halt();
        ns.boot();
        String units = ns.run("systemctl", "list-units", "--all", "--no-legend", "--plain", "pvdify-*").output();
        System.out.println("[e2e] units right after boot, before pvdifyd:\n" + units);
        daemon.start();
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
