package win.pvdify.container;

/**
 * Resource limits; null = no limit. cpus is a share of CPUs (0.5 = half of one), as `podman run --cpus`;
 * pids caps the number of processes and threads (a fork bomb ends there, not in the host's process table).
 */
public record Limits(Integer memoryMb, Double cpus, Integer pids) {
    public static final Limits NONE = new Limits(null, null, null);

    public Limits {
        if (memoryMb != null && (memoryMb < 1 || memoryMb > 4 * 1024 * 1024)) {
            throw new IllegalArgumentException("invalid memory limit: " + memoryMb + " MB");
        }
        if (cpus != null && (!(cpus > 0) || cpus > 1024)) {
            throw new IllegalArgumentException("invalid cpu limit: " + cpus);
        }
        if (pids != null && (pids < 16 || pids > 4_194_304)) {
            throw new IllegalArgumentException("invalid pids limit: " + pids);
        }
    }

    public Limits(Integer memoryMb, Double cpus) {
        this(memoryMb, cpus, null);
    }
}
