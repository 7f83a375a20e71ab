package win.pvdify.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import win.pvdify.fakes.CaddyProcess;

/** HealthScenario on the Podman API fallback supervisor (its own Podman service), as on a host without systemd. */
class HealthFallbackScenarioIT extends HealthScenario {
    static final int FIRST_PORT = 19650;
    static final int LAST_PORT = 19699;
    static final Path ENV_DIR = Path.of("/run/pvdify-e2e-live/env");
    PodmanService podmanService;
    CaddyProcess caddy;
    PvdifyDaemon daemon;

    @BeforeAll
    void boot() {
        Path work = Repo.workDir("health-fallback");
        Repo.pvdifydJar();
        HostPortRules.removeForPorts(FIRST_PORT, LAST_PORT);
        podmanService = PodmanService.start("live", work);
        caddy = new CaddyProcess(CaddyProcess.Options.of(work.resolve("caddy"), Repo.freePort(), Repo.freePort(),
                BASE)).start();
        daemon = new PvdifyDaemon(List::of, work, Map.of(
                "--supervisor", "podman",
                "--podman-socket", podmanService.socket().toString(),
                "--unit-dir", work.resolve("units").toString(),
                "--env-dir", ENV_DIR.toString(),
                "--port-range", FIRST_PORT + "-" + LAST_PORT,
                "--base-domain", BASE,
                "--caddy-admin-url", caddy.adminUrl(),
                "--caddy-server-name", caddy.serverName()), Map.of());
        daemon.start();
    }

    @AfterAll
    void shutdown() {
        try {
            if (daemon != null) {
                daemon.close();
            }
        } finally {
            try {
                if (caddy != null) {
                    caddy.close();
                }
            } finally {
                if (podmanService != null) {
                    podmanService.close();
                }
                HostPortRules.removeForPorts(FIRST_PORT, LAST_PORT);
            }
        }
    }

    @Override
    PvdifyDaemon daemon() {
        return daemon;
    }

    @Override
    CaddyProcess caddy() {
        return caddy;
    }

    @Override
    Podman podman() {
        return new Podman(podmanService.podmanCommand());
    }

    @Override
    List<String> unitFiles(String app) {
        return List.of();
    }

    /** The first dyno's container removed behind pvdifyd's back, every env file of the app deleted. */
    @Override
    void halfRemove(String app, List<String> containers) {
        podman().ok("rm", "-f", "-t", "0", containers.get(0));
        try {
            for (String f : SystemdScenarioIT.list(ENV_DIR, "pvdify-" + app + ".")) {
                Files.delete(ENV_DIR.resolve(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
