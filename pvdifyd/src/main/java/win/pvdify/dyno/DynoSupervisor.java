package win.pvdify.dyno;

import java.util.List;

/**
 * Runs dynos and keeps them running. Implemented by SystemdSupervisor (one unit per dyno under pvdify.target)
 * and by a Podman-API fallback where systemd is not PID 1. Every call is idempotent.
 */
public interface DynoSupervisor {

    /** Installs (unit/container) and starts the dyno; returns once it is started (not necessarily healthy). */
    void start(DynoSpec spec);

    /** Stops and removes the dyno with the given unit name: no unit, container or env file is left. */
    void remove(String unit);

    /**
     * The same; force kills the dyno at once instead of waiting its stop timeout (for stuck dynos: requests in
     * flight drop). Whatever part is already gone (unit, container, env file) is fine.
     */
    default void remove(String unit, boolean force) {
        remove(unit);
    }

    /** Restarts the dyno in place (same release, same port). */
    void restart(String unit);

    /** Every dyno of this app that exists (any state). */
    List<DynoState> list(String app);

    /** Every pvdify dyno on the host. */
    List<DynoState> listAll();

    /** The last lines the dyno printed, for a failed deploy's reason. */
    List<String> lastLogLines(String unit, int lines);

    /** "systemd" or "podman": shown by /status. */
    String kind();
}
