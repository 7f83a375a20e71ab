package win.pvdify.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Scheduled jobs as systemd timers: a namespace systemd (scripts/sysns.sh), pvdifyd inside it as a plain process,
 * routing off (no web dyno here). The reboot powers the namespace off and on with pvdifyd down: the enabled
 * timers come back with pvdify.target and pvdify-env.service rewrites the env file first, so the job fires with
 * its config before pvdifyd runs again.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CronSystemdIT extends CronScenario {
    static final String UNIT_DIR = "/etc/systemd/system";
    static final String ENV_DIR = "/run/pvdify/env";
    SystemNamespace ns;
    PvdifyDaemon daemon;
    Path work;

    @BeforeAll
    void boot() {
        work = Repo.workDir("cron-systemd");
        Repo.pvdifydJar();
        // Runs isolated like dynos: the env shim (as IsolationScenarioIT builds it), no capabilities, limits (app
        // networks are IsolationScenarioIT's: off here, as with --dev).
        Path shim = Repo.root().resolve("target/pvdify-env-shim-cron");
        Cmd.ok(Repo.root().resolve("packaging/env-shim/build.sh").toString(), shim.toString());
        ns = SystemNamespace.start("e2ecron");
        daemon = new PvdifyDaemon(() -> ns.prefix(), work, Map.of(
                "--supervisor", "systemd",
                "--podman-socket", "/run/podman/podman.sock",
                "--unit-dir", UNIT_DIR,
                "--env-dir", ENV_DIR,
                "--port-range", "19500-19599",
                "--base-domain", "e2e.test",
                "--caddy-admin-url", "off",
                "--env-shim", shim.toString()), Map.of("PVDIFY_CRON_SECONDS", "true"));
        daemon.start();
    }

    @AfterAll
    void shutdown() {
        try {
            if (daemon != null) {
                daemon.close();
            }
            if (ns != null) { // the namespace's journal outlives it, for a failure's post-mortem
                Files.writeString(work.resolve("namespace-journal.log"),
                        ns.run("journalctl", "--no-pager", "-o", "short-precise").output());
            }
        } catch (IOException | RuntimeException e) {
            System.out.println("[e2e] namespace journal not kept: " + e);
        } finally {
            if (ns != null) {
                ns.close();
            }
        }
    }

    @Override
    PvdifyDaemon daemon() {
        return daemon;
    }

    /** After the first job exists: its run is isolated like a dyno, and no config value reaches Podman's config. */
    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.Order(2)
    void aCronRunIsIsolatedLikeADyno() throws IOException {
        String unit = Files.readString(ns.inside(UNIT_DIR).resolve("pvdify-" + APP + ".cron.1.service"));
        org.junit.jupiter.api.Assertions.assertAll(
                () -> org.junit.jupiter.api.Assertions.assertFalse(unit.contains("--env-file"), unit),
                () -> org.junit.jupiter.api.Assertions.assertTrue(unit.contains("/.pvdify/env-shim"), unit),
                () -> org.junit.jupiter.api.Assertions.assertTrue(unit.contains("--cap-drop ALL"), unit));
    }

    @Override
    List<String> containers(String app) {
        return new Podman(ns.exec("podman")).names(app, true);
    }

    @Override
    List<String> cronUnits(String app) {
        return SystemdScenarioIT.list(ns.inside(UNIT_DIR), "pvdify-" + app + ".cron.");
    }

    @Override
    void buildImage(Path dir, String tag) {
        Cmd.ok(ns.exec("podman", "build", "-t", tag, "-f", dir.resolve("Containerfile").toString(), dir.toString()));
    }

    @Override
    void rebootAndSeeTicks() {
        daemon.stop();
        installBootUnits();
        ns.halt();
        ns.boot();
        // Without pvdifyd: the timer fires and the run reads the env file pvdify-env.service wrote at boot.
        Poll.until("a tick in the namespace's journal after boot, before pvdifyd runs", WAIT,
                () -> ns.run("journalctl", "-b", "-o", "cat", "SYSLOG_IDENTIFIER=pvdify-" + APP).output()
                        .contains("tick second"));
        System.out.println("[e2e] after boot, before pvdifyd: " + cronUnits(APP));
        daemon.start();
    }

    /** pvdify-env.service (test edition, as SystemdScenarioIT's) and the boot target wanting pvdify.target. */
    void installBootUnits() {
        Path etc = ns.inside(UNIT_DIR);
        String javaCmd = ProcessHandle.current().info().command().orElse("java");
        String unit = """
                # test edition of packaging/systemd/pvdify-env.service (written by CronSystemdIT)
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
}
