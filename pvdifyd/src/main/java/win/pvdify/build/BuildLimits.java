package win.pvdify.build;

import java.time.Duration;

/**
 * What one build may use: its memory (bytes, 0 = no limit), CPU (cores, 0 = no limit) and time, and how large the
 * uploaded source may be; and what a source without a Dockerfile starts from: the static template's base image
 * (one with busybox's httpd).
 */
public record BuildLimits(long memoryBytes, double cpus, Duration timeout, long maxSourceBytes,
                          String staticBaseImage) {
    /** What a real host pulls for static sites. */
    public static final String STATIC_BASE = "docker.io/library/busybox:stable";

    public BuildLimits(long memoryBytes, double cpus, Duration timeout, long maxSourceBytes) {
        this(memoryBytes, cpus, timeout, maxSourceBytes, STATIC_BASE);
    }

    /** 2 GiB, 1 core, 30 minutes, 256 MiB of source; busybox for static sites. */
    public static BuildLimits defaults() {
        return new BuildLimits(2L << 30, 1.0, Duration.ofMinutes(30), 256L << 20, STATIC_BASE);
    }
}
