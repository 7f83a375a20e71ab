package win.pvdify.container;

import java.util.List;
import win.pvdify.dyno.DynoName;
import win.pvdify.dyno.DynoSpec;

/** Builders of {@link ContainerSpec} from desired state. Pure. */
public final class ContainerSpecs {
    /** Web dynos listen on loopback only: Caddy is the one way in from outside. */
    public static final String DYNO_HOST_IP = "127.0.0.1";

    private ContainerSpecs() {
    }

    /**
     * The container of one dyno: its image and command, the release's env file, pvdify labels, the web port on
     * loopback, the app's limits, no-new-privileges (and a read-only root when asked), --init (so SIGTERM
     * reaches apps that are PID 1 and zombies are reaped), and the runtime's log driver, restarts and stop time.
     */
    public static ContainerSpec forDyno(DynoSpec dyno, RuntimeProfile runtime) {
        DynoName name = DynoName.of(dyno); // validates app, type, number, release, host port
        List<PublishedPort> ports = dyno.hostPort() == null ? List.of()
                : List.of(new PublishedPort(DYNO_HOST_IP, dyno.hostPort(), dyno.bindPort()));
        return new ContainerSpec(
                name.container(),
                dyno.image(),
                dyno.command(),
                dyno.envFile(),
                DynoLabels.of(dyno, dyno.envFile(), runtime.owner()),
                ports,
                new Limits(dyno.memoryMb(), dyno.cpu()),
                new Security(true, dyno.readOnly()),
                List.of(),
                runtime.restart(),
                LogDriver.tagged(runtime.logDriver(), DynoName.PREFIX + dyno.app()),
                true,
                runtime.stopTimeoutSec());
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
