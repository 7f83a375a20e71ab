package win.pvdify.podman;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import win.pvdify.systemd.EnvFiles;

/**
 * The fallback's cron where systemd is not PID 1: pvdifyd schedules the jobs itself. A scheduler thread
 * ({@link #start}) calls {@link #tick} every second; a job whose next firing has come gets a run (a container
 * created through the Podman API from CronContainers.forRun) and its next firing is computed from the clock.
 * Firings missed while pvdifyd was down are NOT made up (like crontab and the systemd timers' Persistent=false):
 * the jobs are handed over again at start and fire from then on.
 *
 * <p>Every run is its own container `pvdify-<app>.cron.<n>.r<id>`. Policies: forbid skips while a run of the
 * job goes on; replace removes (stops) the running ones first; allow just starts another. The newest
 * {@value #KEEP_ENDED} ended runs of a job are kept: their k8s-file logs (what `pvdify logs -p cron` reads here)
 * and exit status go with the container, so they are this runtime's record of runs.
 */
public final class PodmanCron implements CronRuntime, AutoCloseable {
    private final PodmanApi podman;
    private final EnvFiles envFiles;
    private final RuntimeProfile profile;
    private final Clock clock;
    private final boolean allowSeconds;
    private final Map<String, Installed> apps = new ConcurrentHashMap<>();
    private final AtomicLong runIds = new AtomicLong();
    /** Ended runs kept per job (their logs are read through Podman and go with the container). */
    static final int KEEP_ENDED = 5;
    private ScheduledExecutorService scheduler;
    private volatile win.pvdify.dyno.AppNetworks networks = win.pvdify.dyno.AppNetworks.NONE;

    private record Installed(List<CronJob> jobs, DesiredApp release, Map<Integer, ZonedDateTime> next) {
    }

    public PodmanCron(PodmanApi podman, EnvFiles envFiles, RuntimeProfile profile, Clock clock,
            boolean allowSeconds) {
        this.podman = podman;
        this.envFiles = envFiles;
        this.profile = profile;
        this.clock = clock;
        this.allowSeconds = allowSeconds;
    }

    /** Where runs on their app's network find it (the profile's isolation says which network). */
    public PodmanCron withNetworks(win.pvdify.dyno.AppNetworks networks) {
        this.networks = networks;
        return this;
    }

    @Override
    public void sync(String app, List<CronJob> jobs, DesiredApp release) {
        if (!CronRelease.deployed(release)) {
            removeAll(app);
            return;
        }
        Installed before = apps.get(app);
        Map<Integer, ZonedDateTime> next = new ConcurrentHashMap<>();
        ZonedDateTime now = ZonedDateTime.now(clock);
        for (CronJob job : jobs) {
            CronSchedule schedule = CronSchedule.parse(job.schedule(), allowSeconds);
            Optional<CronJob> same = before == null ? Optional.empty()
                    : before.jobs.stream().filter(j -> j.number() == job.number()).findFirst();
            ZonedDateTime keep = same.filter(j -> j.schedule().equals(job.schedule()))
                    .map(j -> before.next.get(j.number())).orElse(null);
            ZonedDateTime n = keep != null ? keep : schedule.next(now).orElse(null);
            if (n != null) {
                next.put(job.number(), n);
            }
        }
        if (before != null) {
            for (CronJob old : before.jobs) {
                if (jobs.stream().noneMatch(j -> j.number() == old.number())) {
                    removeRuns(app, old.number()); // a removed job's run ends with it, as its unit would
                }
            }
        }
        apps.put(app, new Installed(List.copyOf(jobs), release, next));
    }

    @Override
    public boolean runNow(CronJob job, DesiredApp release) {
        return CronRelease.deployed(release) && fire(job, release);
    }

    @Override
    public void removeAll(String app) {
        apps.remove(app);
        for (ContainerSummary c : podman.listContainers(mine("pvdify.app=" + app, CronContainers.CRON))) {
            podman.removeContainer(c.id(), profile.stopTimeoutSec());
        }
    }

    @Override
    public List<CronJobState> states(String app, List<CronJob> jobs) {
        Installed installed = apps.get(app);
        List<CronJobState> out = new ArrayList<>();
        for (CronJob job : jobs) {
            List<ContainerSummary> runs = runs(app, job.number());
            int running = (int) runs.stream().filter(c -> "running".equals(c.state())).count();
            Optional<ContainerSummary> last = runs.stream().filter(c -> c.startedAt() != null)
                    .max(Comparator.comparing(ContainerSummary::startedAt));
            Integer exit = last.filter(c -> isEnded(c.state())).map(ContainerSummary::exitCode).orElse(null);
            ZonedDateTime next = installed == null ? null : installed.next.get(job.number());
            out.add(new CronJobState(job.number(), running, last.map(ContainerSummary::startedAt).orElse(null),
                    exit, next == null ? null : next.toInstant()));
        }
        return out;
    }

    @Override
    public String kind() {
        return "podman";
    }

    /** Fires every job whose time has come (public for tests that drive the clock). */
    public void tick() {
        ZonedDateTime now = ZonedDateTime.now(clock);
        for (Map.Entry<String, Installed> e : apps.entrySet()) {
            Installed in = e.getValue();
            for (CronJob job : in.jobs) {
                ZonedDateTime due = in.next.get(job.number());
                if (due == null || now.isBefore(due)) {
                    continue;
                }
                CronSchedule.parse(job.schedule(), allowSeconds).next(now)
                        .ifPresentOrElse(n -> in.next.put(job.number(), n), () -> in.next.remove(job.number()));
                try {
                    fire(job, in.release);
                } catch (RuntimeException ex) {
                    System.getLogger(PodmanCron.class.getName()).log(System.Logger.Level.WARNING,
                            "cron " + job.logName() + " of " + job.app() + " did not start: " + ex.getMessage());
                }
            }
        }
    }

    public synchronized void start(Duration every) {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "podman-cron");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                // Podman unreachable for a moment: the next tick tries again
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    private synchronized boolean fire(CronJob job, DesiredApp release) {
        List<ContainerSummary> runs = runs(job.app(), job.number());
        List<ContainerSummary> going = runs.stream().filter(c -> !isEnded(c.state())).toList();
        if (job.policy() == CronPolicy.FORBID && !going.isEmpty()) {
            return false;
        }
        if (job.policy() == CronPolicy.REPLACE) {
            going.forEach(c -> podman.removeContainer(c.id(), profile.stopTimeoutSec()));
        }
        // Ended runs stay for their logs and exit status (k8s-file logs go with the container): the newest few.
        runs.stream().filter(c -> isEnded(c.state()))
                .sorted(Comparator.comparing((ContainerSummary c) -> c.startedAt() == null ? Instant.EPOCH
                        : c.startedAt()).reversed())
                .skip(KEEP_ENDED - 1).forEach(c -> podman.removeContainer(c.id(), profile.stopTimeoutSec()));
        CronRunName name = new CronRunName(job.app(), job.number(),
                Long.toString(clock.millis(), 36) + Long.toString(runIds.incrementAndGet(), 36));
        // The env file may be gone (the release's last dyno removed it): a run writes it again.
        var env = CronRelease.env(release);
        var envFile = envFiles.write(job.app(), release.release(), env);
        win.pvdify.container.ImageCommand image = win.pvdify.container.ImageCommand.NONE;
        if (profile.isolation().envShim() != null) {
            var i = podman.inspectImage(release.image());
            image = new win.pvdify.container.ImageCommand(i.entrypoint(), i.cmd());
        }
        ContainerSpec c = CronContainers.forRun(job, name, CronRelease.of(release, envFile), profile, image);
        if (c.network() != null) {
            networks.ensure(c.network(), job.app());
        }
        // With the env shim the container reads its env file itself: Podman gets no value.
        podman.createContainer(PodmanCreateBody.render(c, c.envFileMounted() ? java.util.Map.of() : env));
        podman.startContainer(c.name());
        return true;
    }

    private List<ContainerSummary> runs(String app, int number) {
        return podman.listContainers(mine("pvdify.app=" + app, CronContainers.CRON + "=" + number));
    }

    private void removeRuns(String app, int number) {
        runs(app, number).forEach(c -> podman.removeContainer(c.id(), profile.stopTimeoutSec()));
    }

    private List<String> mine(String... filters) {
        List<String> all = new ArrayList<>(List.of(filters));
        if (profile.owner() != null) {
            all.add(CronContainers.OWNER + "=" + profile.owner());
        }
        return all;
    }

    private static boolean isEnded(String state) {
        return "exited".equals(state) || "stopped".equals(state) || "created".equals(state);
    }
}
