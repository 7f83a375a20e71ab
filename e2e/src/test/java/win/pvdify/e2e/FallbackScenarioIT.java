package win.pvdify.e2e;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import win.pvdify.fakes.CaddyProcess;

/**
 * Issue 3 on the Podman fallback supervisor: pvdifyd on the host (no systemd) with its own Podman service
 * (storage under e2e/target, runroot and socket under /run/pvdify-e2e-fb).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FallbackScenarioIT extends RuntimeScenario {
    static final Path ENV_DIR = Path.of("/run/pvdify-e2e-fb/env");
    PodmanService podmanService;
    CaddyProcess caddy;
    static final int FIRST_PORT = 23300;
    static final int LAST_PORT = 23599;
    PvdifyDaemon daemon;
    DynoHost host;

    @BeforeAll
    void boot() {
        Path work = Repo.workDir("fallback");
        Repo.pvdifydJar();
        HostPortRules.removeForPorts(FIRST_PORT, LAST_PORT); // an aborted earlier run's
        podmanService = PodmanService.start("fb", work);
        caddy = startCaddy(work);
        daemon = new PvdifyDaemon(List::of, work, Map.of(
                "--supervisor", "podman",
                "--podman-socket", podmanService.socket().toString(),
                "--unit-dir", work.resolve("units").toString(),
                "--env-dir", ENV_DIR.toString(),
                "--port-range", FIRST_PORT + "-" + LAST_PORT,
                "--base-domain", "e2e.test",
                "--caddy-admin-url", caddy.adminUrl(),
                "--caddy-server-name", caddy.serverName()), Map.of());
        host = new ServiceHost(new Podman(podmanService.podmanCommand()));
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
            if (podmanService != null) {
                podmanService.close();
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
     * The fallback's "reboot": pvdifyd stops, every container stops (they still exist, like after a power cut),
     * the env files on /run are gone, the Podman service restarts; then pvdifyd starts and revives the dynos.
     */
    @Override
    void reboot() {
        daemon.stop();
        podmanService.podman("stop", "-a", "-t", "5");
        Cmd.ok("rm", "-rf", ENV_DIR.toString());
        podmanService.restart();
        daemon.start();
    }

    /** The fallback has no units: its active dynos are the running containers. */
    record ServiceHost(Podman podman) implements DynoHost {
        @Override
        public List<String> containers(String app) {
            return podman.names(app, true);
        }

        @Override
        public List<String> runningContainers(String app) {
            return podman.names(app, false);
        }

        @Override
        public List<String> activeDynos(String app) {
            return runningContainers(app);
        }

        @Override
        public List<String> unitFiles(String app) {
            return List.of();
        }

        @Override
        public List<String> envFiles(String app) {
            return SystemdScenarioIT.list(ENV_DIR, "pvdify-" + app + ".");
        }

        @Override
        public void killContainer(String name) {
            podman.ok("kill", "--signal", "KILL", name);
        }
    }
}
