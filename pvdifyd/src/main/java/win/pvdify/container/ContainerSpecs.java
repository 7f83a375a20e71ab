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
        List<String> command = dyno.command();
        List<String> entrypoint = null;
        List<Mount> mounts = new ArrayList<>();
        boolean shim = iso.envShim() != null && dyno.envFile() != null;
        if (shim) {
            mounts.add(new Mount(Mount.Kind.BIND, iso.envShim().toString(), DynoIsolation.SHIM_TARGET, true));
            mounts.add(new Mount(Mount.Kind.BIND, dyno.envFile().toString(), DynoIsolation.ENV_TARGET, true));
            entrypoint = new ArrayList<>(List.of(DynoIsolation.SHIM_TARGET, DynoIsolation.ENV_TARGET, "--"));
            entrypoint.addAll(image.entrypoint());
            // Podman keeps the image's CMD only while the entrypoint is the image's: pass it explicitly.
            if (command == null || command.isEmpty()) {
                command = image.cmd();
            }
            if (image.entrypoint().isEmpty() && (command == null || command.isEmpty())) {
                throw new IllegalArgumentException("image " + dyno.image() + " has no entrypoint or command, and"
                        + " the dyno gives none");
            }
        }
        return new ContainerSpec(
                name.container(),
                dyno.image(),
                command,
                dyno.envFile(),
                DynoLabels.of(dyno, dyno.envFile(), runtime.owner()),
                ports,
                new Limits(memory, dyno.cpu(), iso.pidsLimit()),
                new Security(true, dyno.readOnly(), iso.dropAllCaps(), iso.capAdd(), iso.userns()),
                mounts,
                runtime.restart(),
                LogDriver.tagged(runtime.logDriver(), DynoName.PREFIX + dyno.app()),
                true,
                runtime.stopTimeoutSec(),
                entrypoint,
                iso.network(dyno.app()),
                shim);
    }

    /**
     * The container of a one-off run: the release's image with the run's command and env file, the same limits
     * and hardening as the app's dynos, no ports, no restarts (it ends when its command ends), the runtime's log
     * driver and tag (so `pvdify logs` shows it as run.N), stdin/terminal when a client attaches.
     */
    public static ContainerSpec forOneOff(OneOffSpec run, RuntimeProfile runtime) {
        DynoName name = run.name();
        return new ContainerSpec(
                name.container(),
                run.image(),
                run.command(),
                run.envFile(),
                DynoLabels.ofOneOff(run, runtime.owner()),
                List.of(),
                new Limits(run.memoryMb(), run.cpu()),
                new Security(true, run.readOnly()),
                List.of(),
                RestartPolicy.NEVER,
                LogDriver.tagged(runtime.logDriver(), DynoName.PREFIX + run.app()),
                true,
                runtime.stopTimeoutSec(),
                run.attached(),
                run.tty());
    }
}
