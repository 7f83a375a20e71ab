package win.pvdify.dyno;

/**
 * Each app's own container network (issue 17): created before the app's first dyno starts, removed with its
 * last dyno. Implemented over Podman (podman.PodmanAppNetworks); NONE keeps every dyno on the default network.
 */
public interface AppNetworks {
    AppNetworks NONE = new AppNetworks() {
        @Override
        public void ensure(String network, String app) {
        }

        @Override
        public void remove(String network) {
        }
    };

    /** Creates the network of this name for the app unless it exists. */
    void ensure(String network, String app);

    /** Removes the network (nothing when it does not exist). */
    void remove(String network);
}
