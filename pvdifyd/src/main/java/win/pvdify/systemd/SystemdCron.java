package win.pvdify.systemd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import win.pvdify.container.ContainerSpec;
import win.pvdify.container.RuntimeProfile;
import win.pvdify.cron.CronContainers;
import win.pvdify.cron.CronJob;
import win.pvdify.cron.CronJobState;
import win.pvdify.cron.CronPolicy;
import win.pvdify.cron.CronRelease;
import win.pvdify.cron.CronRunName;
import win.pvdify.cron.CronRuntime;
import win.pvdify.cron.CronSchedule;
import win.pvdify.engine.DesiredApp;
import win.pvdify.podman.ContainerDetails;
import win.pvdify.podman.ContainerSummary;
import win.pvdify.podman.PodmanApi;

/**
 * Cron jobs as systemd timers beside the dyno units (CronUnitRenderer), enabled under pvdify.target so they
 * fire after a reboot with pvdifyd down. The run's env file is the release's shared one (written here too, and
 * at boot by pvdify-env.service). Last run and exit status come from the service (forbid: the run is the
 * service's main process) or from the kept container (replace); the next run from the timer.
 * Podman answers for run containers (replace's status, allow's running count, removal).
 */
public final class SystemdCron implements CronRuntime {
    private final Systemctl systemctl;
    private final UnitSettings settings;
    private final Path unitDir;
    private final Path root;
    private final EnvFiles envFiles;
    private final PodmanApi podman;
    private final boolean allowSeconds;

    /** allowSeconds: schedules may carry a leading seconds field (the test-only daemon setting). */
    public SystemdCron(Systemctl systemctl, UnitSettings settings, Path unitDir, Path root, EnvFiles envFiles,
            PodmanApi podman, boolean allowSeconds) {
        this.systemctl = systemctl;
        this.settings = settings;
        this.unitDir = unitDir;
        this.root = root;
        this.envFiles = envFiles;
        this.podman = podman;
        this.allowSeconds = allowSeconds;
    }

    @Override
    public synchronized void sync(String app, List<CronJob> jobs, DesiredApp release) {
        if (!CronRelease.deployed(release)) {
            removeAll(app);
            return;
        }
        Path envFile = envFiles.write(app, release.release(), CronRelease.env(release));
        CronContainers.Release r = CronRelease.of(release, envFile);
        RuntimeProfile profile = SystemdSupervisor.profile(settings);
        boolean changed = false;
        Set<Integer> wanted = new TreeSet<>();
        Set<String> rewritten = new TreeSet<>();
        for (CronJob job : jobs) {
            wanted.add(job.number());
            CronRunName name = CronRunName.of(job);
            ContainerSpec c = CronContainers.forRun(job, name, r, profile);
            CronSchedule schedule = CronSchedule.parse(job.schedule(), allowSeconds);
            changed |= write(name.service(), CronUnitRenderer.service(job, c, settings));
            if (write(name.timer(), CronUnitRenderer.timer(job, schedule, settings))) {
                rewritten.add(name.timer());
                changed = true;
            }
        }
        List<Integer> gone = installed(app).stream().filter(n -> !wanted.contains(n)).toList();
        for (int n : gone) {
            remove(new CronRunName(app, n, null));
            changed = true;
        }
        if (changed) {
            systemctl.daemonReload();
        }
        for (CronJob job : jobs) {
            String timer = CronRunName.of(job).timer();
            systemctl.enable(timer);
            // A new schedule takes effect when the timer restarts; the service it starts is not touched.
            if (rewritten.contains(timer)) {
                systemctl.restart(timer);
            } else {
                systemctl.start(timer);
            }
        }
    }

    @Override
    public synchronized boolean runNow(CronJob job, DesiredApp release) {
        if (!CronRelease.deployed(release)) {
            return false;
        }
        CronRunName name = CronRunName.of(job);
        envFiles.write(job.app(), release.release(), CronRelease.env(release));
        if (job.policy() == CronPolicy.FORBID && running(systemctl.properties(name.service(),
                List.of("ActiveState")))) {
            return false;
        }
        systemctl.startNoBlock(name.service());
        return true;
    }

    @Override
    public synchronized void removeAll(String app) {
        List<Integer> numbers = installed(app);
        for (int n : numbers) {
            remove(new CronRunName(app, n, null));
        }
        if (!numbers.isEmpty()) {
            systemctl.daemonReload();
        }
        for (ContainerSummary c : podman.listContainers(List.of("pvdify.app=" + app, CronContainers.CRON))) {
            podman.removeContainer(c.id(), settings.stopTimeoutSec());
        }
    }

    @Override
    public List<CronJobState> states(String app, List<CronJob> jobs) {
        List<CronJobState> out = new ArrayList<>();
        for (CronJob job : jobs) {
            CronRunName name = CronRunName.of(job);
            Map<String, String> timer = systemctl.properties(name.timer(),
                    List.of("LoadState", "NextElapseUSecRealtime"));
            Instant next = "loaded".equals(timer.get("LoadState"))
                    ? SystemctlCli.unixTimestamp(timer.get("NextElapseUSecRealtime")) : null;
            Map<String, String> service = systemctl.properties(name.service(), List.of("ActiveState",
                    "ExecMainStartTimestamp", "ExecMainExitTimestamp", "ExecMainCode", "ExecMainStatus"));
            Instant started = SystemctlCli.unixTimestamp(service.get("ExecMainStartTimestamp"));
            out.add(switch (job.policy()) {
                case FORBID -> {
                    boolean running = running(service);
                    yield new CronJobState(job.number(), running ? 1 : 0, started,
                            running || started == null ? null : exitStatus(service), next);
                }
                case REPLACE -> {
                    var c = podman.inspectContainer(name.container());
                    if (c.isEmpty()) {
                        yield new CronJobState(job.number(), 0, started, null, next);
                    }
                    ContainerDetails d = c.get();
                    yield new CronJobState(job.number(), d.running() ? 1 : 0, d.startedAt(),
                            d.running() || d.finishedAt() == null ? null : d.exitCode(), next);
                }
                case ALLOW -> {
                    long running = podman.listContainers(List.of("pvdify.app=" + app,
                            CronContainers.CRON + "=" + job.number())).stream()
                            .filter(c -> "running".equals(c.state())).count();
                    yield new CronJobState(job.number(), (int) running, started, null, next);
                }
            });
        }
        return out;
    }

    @Override
    public String kind() {
        return "systemd";
    }

    private static boolean running(Map<String, String> service) {
        String state = service.getOrDefault("ActiveState", "inactive");
        return state.equals("active") || state.equals("activating") || state.equals("deactivating")
                || state.equals("reloading");
    }

    /** The run's exit status; a run killed by a signal reads as 128 + the signal, as a shell shows it. */
    static Integer exitStatus(Map<String, String> service) {
        try {
            int status = Integer.parseInt(service.getOrDefault("ExecMainStatus", ""));
            String code = service.getOrDefault("ExecMainCode", "");
            return code.equals("1") || code.equals("0") || code.isEmpty() ? status : 128 + status;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void remove(CronRunName name) {
        for (String unit : List.of(name.timer(), name.service())) {
            if (!systemctl.show(List.of(unit)).get(0).loadState().equals("not-found")) {
                systemctl.stop(unit);
                if (unit.endsWith(".timer")) {
                    systemctl.disable(unit);
                }
            }
            try {
                Files.deleteIfExists(local(unitDir.resolve(unit)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete unit " + unit + ": " + e.getMessage(), e);
            }
            systemctl.resetFailed(unit);
        }
    }

    /** Job numbers of the app that have a unit file. */
    private List<Integer> installed(String app) {
        Path dir = local(unitDir);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> CronRunName.parse(f.getFileName().toString()))
                    .flatMap(java.util.Optional::stream)
                    .filter(n -> n.app().equals(app) && n.run() == null)
                    .map(CronRunName::number).collect(Collectors.toCollection(TreeSet::new)).stream().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private boolean write(String unit, String text) {
        Path file = local(unitDir.resolve(unit));
        try {
            if (Files.exists(file) && Files.readString(file).equals(text)) {
                return false;
            }
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
            Files.writeString(tmp, text);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write unit " + file + ": " + e.getMessage(), e);
        }
    }

    private Path local(Path path) {
        return root.resolve(path.toAbsolutePath().toString().substring(1));
    }
}
