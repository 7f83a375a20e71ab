package win.pvdify.podman;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import win.pvdify.api.Dyno;
import win.pvdify.container.ContainerSpec;
import win.pvdify.container.ContainerSpecs;
import win.pvdify.container.DynoIsolation;
import win.pvdify.container.ImageCommand;
import win.pvdify.container.ImageCommands;
import win.pvdify.dyno.AppNetworks;
import win.pvdify.container.DynoLabels;
import win.pvdify.container.LogDriver;
import win.pvdify.container.RestartPolicy;
import win.pvdify.container.RuntimeProfile;
import win.pvdify.dyno.DynoName;
import win.pvdify.dyno.DynoSpec;
import win.pvdify.dyno.DynoState;
import win.pvdify.dyno.DynoSupervisor;
import win.pvdify.systemd.EnvFiles;

/**
 * The fallback where systemd is not PID 1: dynos as containers created through the Podman API from the same
 * container model as the units (ContainerSpecs.forDyno, rendered by PodmanCreateBody), with this runtime's own
 * choices ({@link #profile}): restart policy on-failure with `restartTries` retries, k8s-file logs.
 * A watcher (poll thread, {@link #startWatcher}) restarts dynos that exited without Podman restarting them,
 * within the same retry budget; {@link #revive} starts every stopped dyno (after a host or Podman restart)
 * and is what the engine calls at start.
 */
public final class PodmanSupervisor implements DynoSupervisor, AutoCloseable {
    static final String ENV_LABEL = DynoLabels.ENV_FILE;
    /** Names the daemon (its data dir) that made a dyno: several daemons may share one Podman service. */
    static final String OWNER_LABEL = DynoLabels.OWNER;
    private final PodmanApi podman;
    private final EnvFiles envFiles;
    private final int restartTries;
    private final int stopTimeoutSec;
    private final String owner;
    private final RuntimeProfile profile;
    private final ImageCommands images;
    private final AppNetworks networks;
    /** Restarts done by the watcher (Podman counts only its own), per container name. */
    private final Map<String, Integer> watcherRestarts = new ConcurrentHashMap<>();
    /** Containers seen exited by the previous watcher pass: acted on only when still exited. */
    private final Set<String> seenExited = ConcurrentHashMap.newKeySet();
    /** Containers remove() is stopping: their death is wanted, the watcher must not start them again. */
    private final Set<String> removing = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService watcher;

    public PodmanSupervisor(PodmanApi podman, EnvFiles envFiles, int restartTries, int stopTimeoutSec) {
        this(podman, envFiles, restartTries, stopTimeoutSec, null);
    }

    /**
     * owner: when set, dynos carry it as a label and only dynos with it are listed, revived, watched and (through
     * listAll) recovered, so one daemon never purges or restarts another daemon's dynos on a shared Podman.
     */
    public PodmanSupervisor(PodmanApi podman, EnvFiles envFiles, int restartTries, int stopTimeoutSec,
            String owner) {
        this(podman, envFiles, restartTries, stopTimeoutSec, owner, DynoIsolation.NONE, AppNetworks.NONE);
    }

    /** isolation: the daemon's dyno isolation; networks: creates and removes app networks. */
    public PodmanSupervisor(PodmanApi podman, EnvFiles envFiles, int restartTries, int stopTimeoutSec,
            String owner, DynoIsolation isolation, AppNetworks networks) {
        this.owner = owner == null || owner.isBlank() ? null : owner;
        this.podman = podman;
        this.envFiles = envFiles;
        this.restartTries = restartTries;
        this.stopTimeoutSec = stopTimeoutSec;
        this.profile = profile(restartTries, stopTimeoutSec, this.owner).withIsolation(isolation);
        this.images = image -> {
            ImageInfo i = podman.inspectImage(image);
            return new ImageCommand(i.entrypoint(), i.cmd());
        };
        this.networks = networks;
    }

    /**
     * What this runtime chooses for its containers. Logs: k8s-file, explicitly — journald may not run where
     * systemd is not PID 1, and PodmanLogSource reads k8s-file logs back through the Podman API (the host's
     * containers.conf default could be anything). Restarts: Podman's on-failure policy with restartTries.
     */
    public static RuntimeProfile profile(int restartTries, int stopTimeoutSec, String owner) {
        return new RuntimeProfile(LogDriver.K8S_FILE, RestartPolicy.onFailure(restartTries), stopTimeoutSec, owner);
    }

    @Override
    public void start(DynoSpec spec) {
        boolean shim = profile.isolation().envShim() != null && spec.envFile() != null;
        ContainerSpec container = ContainerSpecs.forDyno(spec, profile, // validates before any effect
                shim ? images.of(spec.image()) : ImageCommand.NONE);
        Optional<ContainerDetails> existing = podman.inspectContainer(container.name());
        if (existing.isPresent() && existing.get().running()) {
            return;
        }
        if (existing.isEmpty()) {
            if (container.network() != null) {
                networks.ensure(container.network(), spec.app());
            }
            // The create API cannot read an env file (see PodmanCreateBody): without the env shim, read the
            // tmpfs file now; with it, the container reads its bind-mounted copy itself.
            Map<String, String> env = container.envFile() == null || container.envFileMounted() ? Map.of()
                    : envFiles.read(container.envFile());
            podman.createContainer(PodmanCreateBody.render(container, env));
        }
        watcherRestarts.remove(container.name());
        podman.startContainer(container.name());
    }

    @Override
    public void remove(String unit) {
        remove(unit, false);
    }

    /** force: SIGKILL first (a remove's own timeout of 0 still waited the container's stop timeout here). */
    @Override
    public void remove(String unit, boolean force) {
        DynoName name = parse(unit);
        Optional<ContainerDetails> c = podman.inspectContainer(name.container());
        Path envFile = c.map(d -> DynoLabels.envFile(d.labels())).orElse(null);
        removing.add(name.container());
        try {
            if (force && c.isPresent() && c.get().running()) {
                try {
                    podman.killContainer(name.container(), "KILL");
                } catch (PodmanException e) {
                    // exited meanwhile: the removal below finds it stopped
                }
            }
            podman.removeContainer(name.container(), force ? 0 : stopTimeoutSec);
        } finally {
            removing.remove(name.container());
        }
        watcherRestarts.remove(name.container());
        seenExited.remove(name.container());
        // The engine shares one env file among a release's dynos: only the last user removes it.
        Path env = envFile != null ? envFile : envFiles.pathFor(name);
        boolean inUse = podman.listContainers(List.of(ENV_LABEL + "=" + env)).stream()
                .anyMatch(other -> !other.name().equals(name.container()));
        if (!inUse) {
            envFiles.remove(env);
        }
        String network = profile.isolation().network(name.app());
        if (network != null && podman.listContainers(mine("pvdify.app=" + name.app())).isEmpty()) {
            try {
                networks.remove(network); // with the app's last dyno; the next start makes it again
            } catch (RuntimeException e) {
                System.err.println("pvdifyd: network " + network + " not removed: " + e.getMessage());
            }
        }
    }

    @Override
    public void restart(String unit) {
        DynoName name = parse(unit);
        watcherRestarts.remove(name.container());
        podman.restartContainer(name.container(), stopTimeoutSec);
    }

    @Override
    public List<DynoState> list(String app) {
        if (!DynoName.isValidApp(app)) {
            throw new IllegalArgumentException("invalid app name: " + app);
        }
        return states(mine("pvdify.app=" + app), app);
    }

    @Override
    public List<DynoState> listAll() {
        return states(mine("pvdify.app"), null);
    }

    @Override
    public List<String> lastLogLines(String unit, int lines) {
        List<String> out = new ArrayList<>();
        try (var logs = podman.logs(parse(unit).container(), lines, false, false)) {
            for (LogFrame f; (f = logs.next()) != null; ) {
                out.add(f.text());
            }
        } catch (PodmanException e) {
            if (!e.notFound()) {
                throw e;
            }
        }
        return out;
    }

    @Override
    public String kind() {
        return "podman";
    }

    /** Starts every pvdify dyno container that exists but is not running (after a reboot); returns how many. */
    public int revive() {
        int started = 0;
        for (ContainerSummary c : podman.listContainers(mine("pvdify.app"))) {
            if (DynoLabels.identity(c.labels()).isPresent() && !DynoLabels.isOneOff(c.labels())
                    && !"running".equals(c.state())) {
                watcherRestarts.remove(c.name());
                podman.startContainer(c.name());
                started++;
            }
        }
        return started;
    }

    /**
     * Restarts exited dynos Podman left alone, within the retry budget: a pass every `every` (one container
     * listing). Following Podman's death events was tried: Podman 4.3 with the "file" event logger streams
     * nothing (measured), so the poll is what every host can count on.
     */
    public synchronized void startWatcher(Duration every) {
        if (watcher != null) {
            return;
        }
        ScheduledExecutorService w = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "podman-dyno-watcher");
            t.setDaemon(true);
            return t;
        });
        watcher = w;
        w.scheduleWithFixedDelay(this::watchOnce, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One watcher pass (public for tests and for callers that drive it themselves). */
    public void watchOnce() {
        try {
            Set<String> exitedNow = new HashSet<>();
            for (ContainerSummary c : podman.listContainers(mine("pvdify.app"))) {
                if (DynoLabels.identity(c.labels()).isEmpty() || DynoLabels.isOneOff(c.labels())
                        || !isExited(c.state()) || removing.contains(c.name())) {
                    continue;
                }
                exitedNow.add(c.name());
                if (!seenExited.contains(c.name())) {
                    continue; // give Podman's own restart policy a pass to act first
                }
                var d = podman.inspectContainer(c.name());
                if (d.isEmpty() || d.get().running() || restarts(d.get()) >= restartTries) {
                    continue;
                }
                watcherRestarts.merge(c.name(), 1, Integer::sum);
                podman.startContainer(c.name());
                exitedNow.remove(c.name());
            }
            seenExited.retainAll(exitedNow);
            seenExited.addAll(exitedNow);
        } catch (RuntimeException e) {
            // Podman unreachable for a moment: the next pass retries
        }
    }

    /** The label filter plus this daemon's owner label (Podman ANDs label filters). */
    List<String> mine(String filter) {
        return owner == null ? List.of(filter) : List.of(filter, OWNER_LABEL + "=" + owner);
    }

    @Override
    public synchronized void close() {
        if (watcher != null) {
            watcher.shutdownNow();
            watcher = null;
        }
    }

    private int restarts(ContainerDetails d) {
        return d.restartCount() + watcherRestarts.getOrDefault(d.name(), 0);
    }

    private static boolean isExited(String state) {
        return "exited".equals(state) || "stopped".equals(state);
    }

    private List<DynoState> states(List<String> filters, String app) {
        List<DynoState> out = new ArrayList<>();
        Map<String, ContainerSummary> byName = new HashMap<>();
        for (ContainerSummary c : podman.listContainers(filters)) {
            byName.put(c.name(), c);
        }
        for (ContainerSummary c : byName.values()) {
            // Who the container is comes from its labels (what we created it as), not from its name.
            Optional<DynoName> n = DynoLabels.identity(c.labels());
            // One-off runs are not dynos of the formation: the engine must neither count nor replace them.
            if (n.isEmpty() || DynoLabels.isOneOff(c.labels()) || (app != null && !n.get().app().equals(app))) {
                continue;
            }
            Optional<ContainerDetails> d = podman.inspectContainer(c.id());
            if (d.isEmpty()) {
                continue;
            }
            ContainerDetails cd = d.get();
            int restarts = restarts(cd);
            Dyno.State state = switch (cd.status()) {
                case "running" -> Dyno.State.UP;
                case "created", "configured", "initialized" -> Dyno.State.STARTING;
                case "paused" -> Dyno.State.UP;
                case "exited", "stopped" -> restarts >= restartTries ? Dyno.State.CRASHED : Dyno.State.RESTARTING;
                default -> Dyno.State.STOPPED;
            };
            out.add(new DynoState(n.get().app(), n.get().release(), n.get().type(), n.get().number(), c.name(),
                    state, n.get().port(), cd.running() ? cd.startedAt() : null, restarts, cd.id()));
        }
        out.sort(java.util.Comparator.comparing(DynoState::unit));
        return out;
    }

    /** A dyno name the caller gives us (from list()): checked, and what the container is addressed by. */
    private static DynoName parse(String unit) {
        return DynoName.parse(unit).orElseThrow(() -> new IllegalArgumentException("not a dyno: " + unit));
    }
}
