package win.pvdify.container;

/**
 * What a runtime decides for every dyno container it runs, as opposed to what the desired state decides:
 * where logs go, how many restarts a crash loop gets, how long a stop may take, (Podman fallback on a
 * shared Podman service) the owner label, and the isolation the daemon's settings ask for (DynoIsolation.NONE =
 * Podman's defaults). Each supervisor states its profile in one place.
 */
public record RuntimeProfile(String logDriver, RestartPolicy restart, int stopTimeoutSec, String owner,
        DynoIsolation isolation) {

    public RuntimeProfile {
        if (restart == null) {
            throw new IllegalArgumentException("restart policy must be given");
        }
        owner = owner == null || owner.isBlank() ? null : owner;
        isolation = isolation == null ? DynoIsolation.NONE : isolation;
    }

    public RuntimeProfile(String logDriver, RestartPolicy restart, int stopTimeoutSec, String owner) {
        this(logDriver, restart, stopTimeoutSec, owner, DynoIsolation.NONE);
    }

    public RuntimeProfile withIsolation(DynoIsolation isolation) {
        return new RuntimeProfile(logDriver, restart, stopTimeoutSec, owner, isolation);
    }
}
