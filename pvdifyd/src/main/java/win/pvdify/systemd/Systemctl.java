package win.pvdify.systemd;

import java.util.List;

/** The systemd operations the supervisor needs. Failures throw SystemdException. */
public interface Systemctl {

    void daemonReload();

    void enable(String unit);

    void disable(String unit);

    /** Waits for the start job; returns false (instead of throwing) when the job failed, e.g. a crashing app. */
    boolean start(String unit);

    void stop(String unit);

    boolean restart(String unit);

    /** Sends SIGKILL to every process of the unit (or scope) at once; false when it has none or is unknown. */
    default boolean kill(String unit) {
        return false;
    }

    void resetFailed(String unit);

    /** One status per given unit, in order (unknown units come back with loadState not-found). */
    List<UnitStatus> show(List<String> units);

    /**
     * The named properties of one unit as `systemctl show --timestamp=unix` prints them (timestamps as
     * `@<epoch seconds>`); a property systemd does not know is absent.
     */
    java.util.Map<String, String> properties(String unit, List<String> names);

    /** Starts the unit without waiting for its job (a cron run: returns while it runs). */
    void startNoBlock(String unit);

    /** Names of loaded units matching the glob, any state. */
    List<String> listUnits(String glob);
}
