package win.pvdify.addon;

/**
 * Runs add-on containers and keeps them running: the Podman fallback (podman.PodmanAddons) where systemd is not
 * PID 1. Every call is idempotent.
 */
public interface AddonRuntime {
    /** Creates the volume unless it exists, then (re)creates and starts the container as given. */
    void apply(AddonContainer container);

    /** Starts the container again if it exists and does not run (pvdifyd start after a reboot). */
    void revive(String container);

    /** Restarts the container in place (same volume, same addresses). */
    void restart(String container);

    /** Removes the container and its volume (the data is gone). */
    void destroy(String container, String volume);

    /** Whether the container runs now (for info). */
    String state(String container);

    /** The subnet (IPv4 CIDR) of this network, after creating it for the app if needed. */
    String subnet(String network, String app);
}
