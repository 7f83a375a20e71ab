package win.pvdify.addon;

/**
 * Runs add-on containers and keeps them running: the Podman fallback (podman.PodmanAddons) where systemd is not
 * PID 1. Every call is idempotent.
 */
public interface AddonRuntime {
    /** Where add-ons cannot run (no Podman wired): every change fails with the reason. */
    AddonRuntime NONE = new AddonRuntime() {
        private IllegalStateException off() {
            return new IllegalStateException("add-ons need Podman, and this pvdifyd runs none");
        }

        @Override
        public AddonContainer container(Addon addon, String password) {
            throw off();
        }

        @Override
        public String network(String app) {
            throw off();
        }

        @Override
        public void apply(AddonContainer container) {
            throw off();
        }

        @Override
        public void revive(AddonContainer container) {
        }

        @Override
        public void restart(String container) {
            throw off();
        }

        @Override
        public void destroy(String container, String volume) {
            throw off();
        }

        @Override
        public String state(String container) {
            return "unknown";
        }

        @Override
        public String subnet(String network, String app) {
            throw off();
        }
    };

    /** The container of this add-on as this runtime runs it (log driver, restarts, where its env goes). */
    AddonContainer container(Addon addon, String password);

    /** The network an app's dynos are on, where its add-ons join them. */
    String network(String app);

    /** Creates the volume unless it exists, then (re)creates and starts the container as given. */
    void apply(AddonContainer container);

    /**
     * At pvdifyd start (after a reboot, a Podman restart): the add-on runs again if it does not, without
     * restarting one that runs.
     */
    void revive(AddonContainer container);

    /** Restarts the container in place (same volume, same addresses). */
    void restart(String container);

    /** Removes the container and its volume (the data is gone). */
    void destroy(String container, String volume);

    /** Whether the container runs now (for info). */
    String state(String container);

    /** The subnet (IPv4 CIDR) of this network, after creating it for the app if needed. */
    String subnet(String network, String app);
}
