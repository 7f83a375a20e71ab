package win.pvdify.systemd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
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
 * at boot by pvdify-env.service). Last run and exit status come from the run's container, which forbid and
 * replace keep until the next run (allow runs are --rm: only their start and running count are known); the
 * next run is computed from the schedule while the timer is active. Podman answers for the run containers.
 */
public final class SystemdCron implements CronRuntime {
    private final Systemctl systemctl;
    private final UnitSettings settings;
    private final Path unitDir;
    private final Path root;
    private final EnvFiles envFiles;
    private final PodmanApi podman;
    private final boolean allowSeconds;
    private final Clock clock = Clock.systemDefaultZone();
    private volatile win.pvdify.container.DynoIsolation isolation = win.pvdify.container.DynoIsolation.NONE;
    private volatile win.pvdify.dyno.AppNetworks networks = win.pvdify.dyno.AppNetworks.NONE;

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

    /** Runs get the dynos' isolation (env shim, the app's network, caps, limits); networks makes the network. */
    public SystemdCron isolated(win.pvdify.container.DynoIsolation isolation, win.pvdify.dyno.AppNetworks networks) {
        this.isolation = isolation;
        this.networks = networks;
        return this;
    }

    @Override
    public synchronized void sync(String app, List<CronJob> jobs, DesiredApp release) {
        if (!CronRelease.deployed(release)) {
            removeAll(app);
            return;
        }
        Path envFile = envFiles.write(app, release.release(), CronRelease.env(release));
        CronContainers.Release r = CronRelease.of(release, envFile);
        RuntimeProfile profile = SystemdSupervisor.profile(settings).withIsolation(isolation);
        win.pvdify.container.ImageCommand image = win.pvdify.container.ImageCommand.NONE;
        if (isolation.envShim() != null) {
            var i = podman.inspectImage(r.image());
            image = new win.pvdify.container.ImageCommand(i.entrypoint(), i.cmd());
        }
        String network = isolation.network(app);
        if (network != null && !jobs.isEmpty()) {
            networks.ensure(network, app); // the units run podman themselves: the network must exist already
        }
        boolean changed = false;
        Set<Integer> wanted = new TreeSet<>();
        Set<String> rewritten = new TreeSet<>();
        for (CronJob job : jobs) {
            wanted.add(job.number());
            CronRunName name = CronRunName.of(job);
            ContainerSpec c = CronContainers.forRun(job, name, r, profile, image);
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
        if (job.policy() == CronPolicy.FORBID
                && podman.inspectContainer(name.container()).map(ContainerDetails::running).orElse(false)) {
            return false; // the service's ExecCondition would skip it too; this way the caller is told
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
        ZonedDateTime now = ZonedDateTime.now(clock);
        for (CronJob job : jobs) {
            CronRunName name = CronRunName.of(job);
            Map<String, String> timer = systemctl.properties(name.timer(), List.of("ActiveState"));
            // systemd 252 prints NextElapseUSecRealtime only as local text; the timer's OnCalendar= lines are
            // this schedule's, so the next firing is computed the same way here (both in local time).
            Instant next = !"active".equals(timer.get("ActiveState")) ? null
                    : CronSchedule.parse(job.schedule(), allowSeconds).next(now).map(ZonedDateTime::toInstant)
                            .orElse(null);
            if (job.policy() == CronPolicy.ALLOW) {
                List<ContainerSummary> runs = podman.listContainers(List.of("pvdify.app=" + app,
                        CronContainers.CRON + "=" + job.number()));
                long running = runs.stream().filter(c -> "running".equals(c.state())).count();
                Instant started = SystemctlCli.unixTimestamp(systemctl.properties(name.service(),
                        List.of("ExecMainStartTimestamp")).get("ExecMainStartTimestamp"));
                out.add(new CronJobState(job.number(), (int) running, started, null, next));
                continue;
            }
            // forbid and replace: the last run's container is kept until the next run starts
            var c = podman.inspectContainer(name.container());
            if (c.isEmpty()) {
                out.add(new CronJobState(job.number(), 0, null, null, next));
                continue;
            }
            ContainerDetails d = c.get();
            // Every run is a new container (forbid removes the last one first, replace recreates it), so a
            // FinishedAt at all means this run ended. Not compared with StartedAt: Podman records StartedAt after
            // the runtime's start returns, and a command that ends at once (`echo`) under load is over before it.
            boolean ended = !d.running() && d.finishedAt() != null;
            out.add(new CronJobState(job.number(), d.running() ? 1 : 0, d.startedAt(), ended ? d.exitCode() : null,
                    next));
        }
        return out;
    }

    @Override
    public String kind() {
        return "systemd";
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
