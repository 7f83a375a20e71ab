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
}
