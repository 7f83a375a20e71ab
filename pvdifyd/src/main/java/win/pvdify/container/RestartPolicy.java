package win.pvdify.container;

/**
 * What happens when the container's process ends: NO (one-off runs) or ON_FAILURE with at most maxRetries
 * restarts (dynos: a crash loop ends "crashed" instead of burning the host). No "always": Podman would ignore a
 * retry budget with it, and every container here is better off with one.
 */
public record RestartPolicy(Kind kind, int maxRetries) {
    public enum Kind { NO, ON_FAILURE }

    public static final RestartPolicy NEVER = new RestartPolicy(Kind.NO, 0);

    public RestartPolicy {
        // Podman reads on-failure with 0 tries as "forever": that spelling is NO.
        if (kind == null || (kind == Kind.NO ? maxRetries != 0 : maxRetries < 1)) {
            throw new IllegalArgumentException("invalid restart policy: " + kind + " " + maxRetries);
        }
    }

    public static RestartPolicy onFailure(int maxRetries) {
        return maxRetries == 0 ? NEVER : new RestartPolicy(Kind.ON_FAILURE, maxRetries);
    }
}
