package win.pvdify.oneoff;

import java.util.List;
import java.util.Map;
import win.pvdify.container.ContainerSpec;
import win.pvdify.container.RuntimeProfile;
import win.pvdify.podman.PodmanAttach;

/**
 * Where one-off runs run: not supervised dynos (nothing restarts them), so on systemd and fallback hosts alike
 * they are plain containers made through the Podman API (PodmanOneOffs). Narrow on purpose: the verbs of a run.
 */
public interface OneOffRuntime {

    /** The log driver, stop time and owner of this host's containers (so `pvdify logs` finds one-offs too). */
    RuntimeProfile profile();

    /** The image's own entrypoint and command (the env shim execs them); NONE when this runtime has no shim. */
    default win.pvdify.container.ImageCommand imageCommand(String image) {
        return win.pvdify.container.ImageCommand.NONE;
    }

    /** Creates the container, not started; env: the values of its env file (passed in the create call). */
    void create(ContainerSpec spec, Map<String, String> env);

    void start(String container);

    /** Attaches to the container's streams; call before start, so no output is missed. */
    PodmanAttach attach(String container, boolean tty);

    void resize(String container, int rows, int cols);

    /** Blocks until the container has exited; its exit code. */
    int awaitExit(String container);

    /** Stops it (SIGTERM, then SIGKILL after the timeout); fine when it does not run. */
    void stop(String container, int timeoutSec);

    /** Removes it (and stops it first when it still runs); fine when it does not exist. */
    void remove(String container);

    /** Every one-off container of this daemon, with its labels (DynoLabels) and whether it runs. */
    List<Container> list();

    record Container(String name, Map<String, String> labels, boolean running, int exitCode) {
    }
}
