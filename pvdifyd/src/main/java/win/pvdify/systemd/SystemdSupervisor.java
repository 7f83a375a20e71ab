package win.pvdify.systemd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import win.pvdify.api.Dyno;
import win.pvdify.container.ContainerSpec;
import win.pvdify.container.ContainerSpecs;
import win.pvdify.container.DynoIsolation;
import win.pvdify.container.ImageCommand;
import win.pvdify.container.ImageCommands;
import win.pvdify.dyno.AppNetworks;
import win.pvdify.container.LogDriver;
import win.pvdify.container.RestartPolicy;
import win.pvdify.container.RuntimeProfile;
import win.pvdify.dyno.DynoName;
import win.pvdify.dyno.DynoSpec;
import win.pvdify.dyno.DynoState;
import win.pvdify.dyno.DynoSupervisor;

/**
 * Dynos as generated systemd units (the container model, ContainerSpecs.forDyno, rendered by UnitRenderer)
 * enabled under pvdify.target, so systemd restarts crashed dynos and brings every app back after a reboot
 * without pvdifyd.
 * unitDir is where unit files go as systemd sees it (default /etc/systemd/system); root is where systemd's
 * file system is reached from this process ("/" normally, /proc/PID/root for a systemd in a namespace).
 */
public final class SystemdSupervisor implements DynoSupervisor {
    public static final Path DEFAULT_UNIT_DIR = Path.of("/etc/systemd/system");
    public static final String TARGET = "pvdify.target";
    private final Systemctl systemctl;
    private final Journalctl journal;
    private final UnitSettings settings;
    private final Path unitDir;
    private final Path root;
    private final EnvFiles envFiles;
    private final DynoIsolation isolation;
    private final ImageCommands images;
    private final AppNetworks networks;

    public SystemdSupervisor(Systemctl systemctl, Journalctl journal, UnitSettings settings, Path unitDir,
            Path root) {
        this(systemctl, journal, settings, unitDir, root, new EnvFiles(EnvFiles.DEFAULT_DIR, root));
    }

    /** envFiles: where the engine writes the dynos' env files (remove() deletes a release's file with its last dyno). */
    public SystemdSupervisor(Systemctl systemctl, Journalctl journal, UnitSettings settings, Path unitDir,
            Path root, EnvFiles envFiles) {
        this(systemctl, journal, settings, unitDir, root, envFiles, DynoIsolation.NONE, image -> ImageCommand.NONE,
                AppNetworks.NONE);
    }

    /**
     * isolation: the daemon's dyno isolation (network, capabilities, user namespace, limits, env shim); images:
     * the image's own entrypoint and command, needed with an env shim; networks: creates and removes app networks.
     */
    public SystemdSupervisor(Systemctl systemctl, Journalctl journal, UnitSettings settings, Path unitDir,
            Path root, EnvFiles envFiles, DynoIsolation isolation, ImageCommands images, AppNetworks networks) {
        this.systemctl = systemctl;
        this.journal = journal;
        this.settings = settings;
        this.unitDir = unitDir;
        this.root = root;
        this.envFiles = envFiles;
        this.isolation = isolation;
        this.images = images;
        this.networks = networks;
    }

    /** Installs and enables pvdify.target if missing (the installer does it too); call once at start. */
    public void installTarget() {
        Path file = local(unitDir.resolve(TARGET));
        if (!Files.exists(file)) {
            writeAtomically(file, UnitRenderer.target());
            systemctl.daemonReload();
        }
        systemctl.enable(TARGET);
    }

    /**
     * What this runtime chooses for its containers: journald logs (journalctl -u and CONTAINER_NAME find them),
     * systemd's restart budget (StartLimitBurst starts = the first plus burst-1 restarts), its stop timeout.
     */
    public static RuntimeProfile profile(UnitSettings settings) {
        return new RuntimeProfile(LogDriver.JOURNALD, RestartPolicy.onFailure(settings.startLimitBurst() - 1),
                settings.stopTimeoutSec(), null);
    }

    @Override
    public void start(DynoSpec spec) {
        DynoName name = DynoName.of(spec);
        boolean shim = isolation.envShim() != null && spec.envFile() != null;
        ContainerSpec container = ContainerSpecs.forDyno(spec, profile(settings).withIsolation(isolation),
                shim ? images.of(spec.image()) : ImageCommand.NONE);
        String text = UnitRenderer.render(container, settings);
        if (container.network() != null) {
            networks.ensure(container.network(), spec.app());
        }
        Path file = local(unitDir.resolve(name.unit()));
        boolean changed = true;
        try {
            changed = !Files.exists(file) || !Files.readString(file).equals(text);
        } catch (IOException e) {
            // rewrite it
        }
        if (changed) {
            writeAtomically(file, text);
            systemctl.daemonReload();
        }
        systemctl.enable(name.unit());
        // A failed start job (the app crashed at once) is not an error here: systemd keeps restarting it
        // and list() reports it as restarting/crashed.
        systemctl.start(name.unit());
    }

    @Override
    public void remove(String unit) {
        remove(unit, false);
    }

    /**
     * force: the container's processes (in Podman's own libpod-ID.scope, outside the unit) and the unit's get
     * SIGKILL first, so the stop below finds nothing left to wait for.
     */
    @Override
    public void remove(String unit, boolean force) {
        DynoName name = parse(unit);
        if (force) {
            String id = containerId(name.unit());
            if (id != null && id.matches("[0-9a-f]{12,64}")) {
                systemctl.kill("libpod-" + id + ".scope");
            }
            systemctl.kill(name.unit());
        }
        Path file = local(unitDir.resolve(name.unit()));
        String envFile = null;
        try {
            if (Files.exists(file)) {
                envFile = UnitRenderer.envFile(Files.readString(file));
            }
        } catch (IOException e) {
            // the env file is looked for under the default name below
        }
        UnitStatus status = systemctl.show(List.of(name.unit())).get(0);
        boolean known = !status.loadState().equals("not-found");
        boolean running = !List.of("inactive", "failed").contains(status.activeState());
        if (known || running) {
            // A running unit whose file was deleted is still loaded (not-found) and stops as it was.
            systemctl.stop(name.unit());
            if (known) {
                systemctl.disable(name.unit());
            }
        } else {
            // No unit at all, but its container may still run (its id file says so): Podman's own scope goes.
            String id = containerId(name.unit());
            if (id != null && id.matches("[0-9a-f]{12,64}")) {
                systemctl.kill("libpod-" + id + ".scope");
            }
        }
        try {
            Files.deleteIfExists(local(Path.of("/run").resolve(name.unit() + ".ctr-id")));
        } catch (IOException e) {
            // a stale id file only names a container that is gone
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete unit " + file + ": " + e.getMessage(), e);
        }
        systemctl.resetFailed(name.unit());
        systemctl.daemonReload();
        // The engine shares one env file among a release's dynos: only the last user removes it.
        Path env = envFile != null ? Path.of(envFile) : envFiles.pathFor(name);
        if (!envFileInUse(env.toString())) {
            envFiles.remove(env);
        }
        removeNetworkIfUnused(name.app());
    }

    /** The app's network goes with its last dyno (an app delete removes every dyno); the next start makes it again. */
    private void removeNetworkIfUnused(String app) {
        String network = isolation.network(app);
        if (network == null || !states(DynoName.unitGlob(app, null), app).isEmpty()) {
            return;
        }
        try {
            networks.remove(network);
        } catch (RuntimeException e) {
            System.err.println("pvdifyd: network " + network + " not removed: " + e.getMessage());
        }
    }

    private boolean envFileInUse(String envFile) {
        Path dir = local(unitDir);
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            // Cron job services read the current release's env file too, between dynos and without any.
            for (Path f : files.filter(f -> (DynoName.parse(f.getFileName().toString()).isPresent()
                    || win.pvdify.cron.CronRunName.parse(f.getFileName().toString()).isPresent())
                    && f.getFileName().toString().endsWith(".service")).toList()) {
                if (envFile.equals(UnitRenderer.envFile(Files.readString(f)))) {
                    return true;
                }
            }
        } catch (IOException e) {
            return true; // when in doubt keep it: the engine deletes release env files itself
        }
        return false;
    }

    @Override
    public void restart(String unit) {
        DynoName name = parse(unit);
        systemctl.resetFailed(name.unit());
        systemctl.restart(name.unit());
    }

    @Override
    public List<DynoState> list(String app) {
        return states(DynoName.unitGlob(app, null), app);
    }

    @Override
    public List<DynoState> listAll() {
        return states(DynoName.PREFIX + "*", null);
    }

    @Override
    public List<String> lastLogLines(String unit, int lines) {
        DynoName name = parse(unit);
        List<String> out = journal.lastLines(name.unit(), lines);
        // The container's own output is tagged CONTAINER_NAME by Podman's journald driver; when the unit's
        // messages do not carry it (conmon outside the unit's cgroup), ask for the container's lines directly.
        boolean hasAppLines = out.stream().anyMatch(l -> !l.startsWith("Started ") && !l.startsWith("Starting ")
                && !l.contains(name.unit()));
        if (!hasAppLines) {
            List<String> byContainer = journal.matching("CONTAINER_NAME=" + name.container(), lines);
            if (!byContainer.isEmpty()) {
                return byContainer;
            }
        }
        return out;
    }

    @Override
    public String kind() {
        return "systemd";
    }

    /** The unit's state as a dyno state: up, starting, restarting, crashed or stopped. */
    static Dyno.State dynoState(UnitStatus s) {
        return switch (s.activeState()) {
            case "active", "reloading" -> Dyno.State.UP;
            case "activating" -> "auto-restart".equals(s.subState()) ? Dyno.State.RESTARTING : Dyno.State.STARTING;
            case "failed" -> Dyno.State.CRASHED;
            default -> Dyno.State.STOPPED;
        };
    }

    /*
     * Identity here comes from unit names, the one place names are parsed: a dyno's unit exists (and must be
     * listed, stopped, removed) when no container does — before its first start, after a crash, while systemd
     * waits to restart it — so there are no labels to read. The names are ours (DynoName), and the unit file's
     * [X-Pvdify] section gives the port.
     */
    private List<DynoState> states(String glob, String app) {
        TreeSet<String> units = new TreeSet<>();
        for (String u : systemctl.listUnits(glob)) {
            DynoName.parse(u).filter(n -> app == null || n.app().equals(app)).ifPresent(n -> units.add(n.unit()));
        }
        Path dir = local(unitDir);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".service"))
                        .forEach(f -> DynoName.parse(f).filter(n -> app == null || n.app().equals(app))
                                .ifPresent(n -> units.add(n.unit())));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
            }
        }
        // A container whose unit is gone entirely still has its id file (%t/%n.ctr-id) and Podman's running scope:
        // list it, so it is removed.
        units.addAll(orphanContainers(app, units));
        List<String> names = new ArrayList<>(units);
        List<DynoState> out = new ArrayList<>();
        List<UnitStatus> statuses = systemctl.show(names);
        for (UnitStatus s : statuses) {
            DynoName n = DynoName.parse(s.unit()).orElseThrow();
            Integer port = null;
            Path file = local(unitDir.resolve(s.unit()));
            try {
                if (Files.exists(file)) {
                    port = UnitRenderer.hostPort(Files.readString(file));
                }
            } catch (IOException e) {
                // port unknown
            }
            out.add(new DynoState(n.app(), n.release(), n.type(), n.number(), s.unit(), dynoState(s), port,
                    s.startedAt(), s.restarts(), containerId(s.unit())));
        }
        return out;
    }

    private List<String> orphanContainers(String app, java.util.Set<String> known) {
        Path run = local(Path.of("/run"));
        if (!Files.isDirectory(run)) {
            return List.of();
        }
        List<String> candidates = new ArrayList<>();
        try (Stream<Path> files = Files.list(run)) {
            files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".service.ctr-id"))
                    .map(f -> f.substring(0, f.length() - ".ctr-id".length()))
                    .forEach(f -> DynoName.parse(f).filter(n -> (app == null || n.app().equals(app))
                            && !known.contains(n.unit())).ifPresent(n -> candidates.add(n.unit())));
        } catch (IOException e) {
            return List.of();
        }
        List<String> orphans = new ArrayList<>();
        for (String unit : candidates) {
            String id = containerId(unit);
            if (id != null && id.matches("[0-9a-f]{12,64}") && systemctl.show(List.of("libpod-" + id + ".scope"))
                    .get(0).activeState().equals("active")) {
                orphans.add(unit);
            }
        }
        return orphans;
    }

    private String containerId(String unit) {
        // %t/%n.ctr-id of the system manager: /run/<unit>.ctr-id
        Path cid = local(Path.of("/run").resolve(unit + ".ctr-id"));
        try {
            return Files.exists(cid) ? Files.readString(cid).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static DynoName parse(String unit) {
        return DynoName.parse(unit).orElseThrow(() -> new IllegalArgumentException("not a dyno unit: " + unit));
    }

    private Path local(Path path) {
        return root.resolve(path.toAbsolutePath().toString().substring(1));
    }

    private static void writeAtomically(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
            Files.writeString(tmp, text);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write unit " + file + ": " + e.getMessage(), e);
        }
    }
}
