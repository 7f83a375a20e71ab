package win.pvdify.e2e;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Scheduled jobs on the fallback (no systemd): pvdifyd's own scheduler creates the runs through its own Podman
 * service. Its "reboot" is pvdifyd and Podman stopping and starting: the jobs are handed over again at start and
 * fire from then on (missed firings are not made up).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CronFallbackIT extends CronScenario {
    static final Path ENV_DIR = Path.of("/run/pvdify-e2e-cron/env");
    PodmanService podmanService;
    PvdifyDaemon daemon;

    @BeforeAll
    void boot() {
        Path work = Repo.workDir("cron-fallback");
        Repo.pvdifydJar();
        podmanService = PodmanService.start("cron", work);
        daemon = new PvdifyDaemon(List::of, work, Map.of(
                "--supervisor", "podman",
                "--podman-socket", podmanService.socket().toString(),
                "--unit-dir", work.resolve("units").toString(),
                "--env-dir", ENV_DIR.toString(),
                "--port-range", "19500-19599",
                "--base-domain", "e2e.test",
                "--caddy-admin-url", "off"), Map.of("PVDIFY_CRON_SECONDS", "true"));
        daemon.start();
    }

    @AfterAll
    void shutdown() {
        try {
            if (daemon != null) {
                daemon.close();
            }
        } finally {
            if (podmanService != null) {
                podmanService.close();
            }
        }
    }

    @Override
    PvdifyDaemon daemon() {
        return daemon;
    }

    @Override
    List<String> containers(String app) {
        return new Podman(podmanService.podmanCommand()).names(app, true);
    }

    @Override
    List<String> cronUnits(String app) {
        return List.of();
    }

    @Override
    void buildImage(Path dir, String tag) {
        podmanService.podman("build", "-t", tag, "-f", dir.resolve("Containerfile").toString(), dir.toString());
    }

    @Override
    void rebootAndSeeTicks() {
        daemon.stop();
        podmanService.podman("stop", "-a", "-t", "5");
        Cmd.ok("rm", "-rf", ENV_DIR.toString());
        podmanService.restart();
        daemon.start();
    }
}
