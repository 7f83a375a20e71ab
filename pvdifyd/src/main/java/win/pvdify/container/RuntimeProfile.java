package win.pvdify.container;

/**
 * What a runtime decides for every dyno container it runs, as opposed to what the desired state decides:
 * where logs go, how many restarts a crash loop gets, how long a stop may take, and (Podman fallback on a
 * shared Podman service) the owner label. Each supervisor states its profile in one place.
 */
public record RuntimeProfile(String logDriver, RestartPolicy restart, int stopTimeoutSec, String owner) {

    public RuntimeProfile {
        if (restart == null) {
            throw new IllegalArgumentException("restart policy must be given");
        }
        owner = owner == null || owner.isBlank() ? null : owner;
    }
}
