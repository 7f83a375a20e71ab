package win.pvdify.build;

import java.time.Duration;

/**
 * What one build may use: its memory (bytes, 0 = no limit), CPU (cores, 0 = no limit) and time, and how large the
 * uploaded source may be.
 */
public record BuildLimits(long memoryBytes, double cpus, Duration timeout, long maxSourceBytes) {

    /** 2 GiB, 1 core, 30 minutes, 256 MiB of source. */
    public static BuildLimits defaults() {
        return new BuildLimits(2L << 30, 1.0, Duration.ofMinutes(30), 256L << 20);
    }
}
