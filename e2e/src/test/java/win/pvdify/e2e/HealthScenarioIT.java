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

/**
 * HealthScenario on the systemd supervisor: a real systemd booted in a namespace (scripts/sysns.sh), Podman inside
 * it, pvdifyd inside the namespace as a plain process; the network is the host's.
 */
class HealthScenarioIT extends HealthScenario {
    static final String UNIT_DIR = "/etc/systemd/system";
    static final String ENV_DIR = "/run/pvdify/env";
    static final int FIRST_PORT = 19600;
    static final int LAST_PORT = 19649;
    SystemNamespace ns;
    CaddyProcess caddy;
    PvdifyDaemon daemon;

    @BeforeAll
    void boot() {
        Path work = Repo.workDir("health");
        Repo.pvdifydJar();
        HostPortRules.removeForPorts(FIRST_PORT, LAST_PORT);
        ns = SystemNamespace.start("e2elive");
        caddy = new CaddyProcess(CaddyProcess.Options.of(work.resolve("caddy"), Repo.freePort(), Repo.freePort(),
                BASE)).start();
        daemon = new PvdifyDaemon(() -> ns.prefix(), work, Map.of(
                "--supervisor", "systemd",
                "--podman-socket", "/run/podman/podman.sock",
                "--unit-dir", UNIT_DIR,
                "--env-dir", ENV_DIR,
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
    CaddyProcess caddy() {
        return caddy;
    }

    @Override
    Podman podman() {
        return new Podman(ns.exec("podman"));
    }

    @Override
    List<String> unitFiles(String app) {
        return SystemdScenarioIT.list(ns.inside(UNIT_DIR), "pvdify-" + app + ".");
    }

    /** The first dyno's unit stopped (no container, the unit file stays), the second's unit file deleted. */
    @Override
    void halfRemove(String app, List<String> containers) {
        List<String> units = unitFiles(app);
        Cmd.ok(ns.exec("systemctl", "stop", units.get(0)));
        try {
            Files.delete(ns.inside(UNIT_DIR).resolve(units.get(1)));
            for (String f : SystemdScenarioIT.list(ns.inside(ENV_DIR), "pvdify-" + app + ".")) {
                Files.delete(ns.inside(ENV_DIR).resolve(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Cmd.ok(ns.exec("systemctl", "daemon-reload"));
    }
}
