package win.pvdify.container;

/** Resource limits; null = no limit. cpus is a share of CPUs (0.5 = half of one), as `podman run --cpus`. */
public record Limits(Integer memoryMb, Double cpus) {
    public static final Limits NONE = new Limits(null, null);

    public Limits {
        if (memoryMb != null && (memoryMb < 1 || memoryMb > 4 * 1024 * 1024)) {
            throw new IllegalArgumentException("invalid memory limit: " + memoryMb + " MB");
        }
        if (cpus != null && (!(cpus > 0) || cpus > 1024)) {
            throw new IllegalArgumentException("invalid cpu limit: " + cpus);
        }
    }
}
