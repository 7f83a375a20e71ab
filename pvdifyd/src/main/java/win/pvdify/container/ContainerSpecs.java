package win.pvdify.container;

import java.util.ArrayList;
import java.util.List;
import win.pvdify.dyno.DynoName;
import win.pvdify.dyno.DynoSpec;

/** Builders of {@link ContainerSpec} from desired state. Pure. */
public final class ContainerSpecs {
    /** Web dynos listen on loopback only: Caddy is the one way in from outside. */
    public static final String DYNO_HOST_IP = "127.0.0.1";

    private ContainerSpecs() {
    }

    /** A dyno without an env shim (the runtime's isolation has none, or the image need not be looked up). */
    public static ContainerSpec forDyno(DynoSpec dyno, RuntimeProfile runtime) {
        return forDyno(dyno, runtime, ImageCommand.NONE);
    }

    /**
     * The container of one dyno: its image and command, the release's env file, pvdify labels, the web port on
     * loopback, the app's limits, no-new-privileges (and a read-only root when asked), --init (so SIGTERM
     * reaches apps that are PID 1 and zombies are reaped), and the runtime's log driver, restarts and stop time.
     * The runtime's isolation adds the app's network, dropped capabilities, a user namespace, a pids limit, the
     * default memory limit and, with an env shim, the env file as a read-only mount that the shim (the
     * entrypoint) loads before it execs the image's entrypoint and command (image: the image's own, looked up).
     */
    public static ContainerSpec forDyno(DynoSpec dyno, RuntimeProfile runtime, ImageCommand image) {
        DynoName name = DynoName.of(dyno); // validates app, type, number, release, host port
        DynoIsolation iso = runtime.isolation();
        List<PublishedPort> ports = dyno.hostPort() == null ? List.of()
                : List.of(new PublishedPort(DYNO_HOST_IP, dyno.hostPort(), dyno.bindPort()));
        Integer memory = dyno.memoryMb() != null ? dyno.memoryMb() : iso.defaultMemoryMb();
        Isolated i = isolated(dyno.image(), dyno.command(), dyno.envFile(), iso, image);
        return new ContainerSpec(
                name.container(),
                dyno.image(),
                i.command(),
                dyno.envFile(),
                DynoLabels.of(dyno, dyno.envFile(), runtime.owner()),
                ports,
                new Limits(memory, dyno.cpu(), iso.pidsLimit()),
                new Security(true, dyno.readOnly(), iso.dropAllCaps(), iso.capAdd(), iso.userns()),
                i.mounts(),
                runtime.restart(),
                LogDriver.tagged(runtime.logDriver(), DynoName.PREFIX + dyno.app()),
                true,
                runtime.stopTimeoutSec(),
                i.entrypoint(),
                iso.network(dyno.app()),
                i.shim());
    }

    /** What the env shim changes in a container: its entrypoint, command and mounts (shim false = none of it). */
    public record Isolated(List<String> entrypoint, List<String> command, List<Mount> mounts, boolean shim) {
    }

    /**
     * With an env shim (and an env file), the container loads its env file itself: the shim and the file are
     * bind-mounted read-only and the shim runs first, then execs the image's entrypoint with the command. Every
     * container that gets an app's config (dynos, one-off runs, cron runs) goes through here, so no config value
     * is handed to Podman (which would keep it in its on-disk container config).
     */
    public static Isolated isolated(String imageRef, List<String> command, java.nio.file.Path envFile,
                                    DynoIsolation iso, ImageCommand image) {
        if (iso.envShim() == null || envFile == null) {
            return new Isolated(null, command, List.of(), false);
        }
        List<Mount> mounts = new ArrayList<>();
        mounts.add(new Mount(Mount.Kind.BIND, iso.envShim().toString(), DynoIsolation.SHIM_TARGET, true));
        mounts.add(new Mount(Mount.Kind.BIND, envFile.toString(), DynoIsolation.ENV_TARGET, true));
        List<String> entrypoint = new ArrayList<>(List.of(DynoIsolation.SHIM_TARGET, DynoIsolation.ENV_TARGET, "--"));
        entrypoint.addAll(image.entrypoint());
        // Podman keeps the image's CMD only while the entrypoint is the image's: pass it explicitly.
        List<String> cmd = command == null || command.isEmpty() ? image.cmd() : command;
        if (image.entrypoint().isEmpty() && (cmd == null || cmd.isEmpty())) {
            throw new IllegalArgumentException("image " + imageRef + " has no entrypoint or command, and"
                    + " the dyno gives none");
        }
        return new Isolated(entrypoint, cmd, mounts, true);
    }

    public static ContainerSpec forOneOff(OneOffSpec run, RuntimeProfile runtime) {
        return forOneOff(run, runtime, ImageCommand.NONE);
    }

    /** A one-off with the runtime's isolation, like a dyno of its app (image: its entrypoint and command). */
    public static ContainerSpec forOneOff(OneOffSpec run, RuntimeProfile runtime, ImageCommand image) {
        DynoName name = run.name();
        DynoIsolation iso = runtime.isolation();
        Isolated i = isolated(run.image(), run.command(), run.envFile(), iso, image);
        return new ContainerSpec(
                name.container(),
                run.image(),
                i.command(),
                run.envFile(),
                DynoLabels.ofOneOff(run, runtime.owner()),
                List.of(),
                new Limits(run.memoryMb() != null ? run.memoryMb() : iso.defaultMemoryMb(), run.cpu(), iso.pidsLimit()),
                new Security(true, run.readOnly(), iso.dropAllCaps(), iso.capAdd(), iso.userns()),
                i.mounts(),
                RestartPolicy.NEVER,
                LogDriver.tagged(runtime.logDriver(), DynoName.PREFIX + run.app()),
                true,
                runtime.stopTimeoutSec(),
                run.attached(),
                run.tty(),
                i.entrypoint(),
                iso.network(run.app()),
                i.shim());
    }
}
