package win.pvdify.systemd;

import java.util.List;

/**
 * Host-wide knobs of generated dyno units. podmanArgs are global podman options placed before `run`
 * (e.g. --root/--runroot in tests); host quirks belong in containers.conf, not here.
 * A crash loop makes StartLimitBurst starts within StartLimitIntervalSec, then the unit stays failed.
 */
public record UnitSettings(
        String podman,
        List<String> podmanArgs,
        int restartSec,
        int startLimitIntervalSec,
        int startLimitBurst,
        int stopTimeoutSec,
        int startTimeoutSec,
        String target) {

    public UnitSettings {
        if (podman == null || !podman.startsWith("/")) {
            throw new IllegalArgumentException("podman must be an absolute path: " + podman);
        }
        podmanArgs = List.copyOf(podmanArgs);
        if (restartSec < 0 || startLimitIntervalSec < 0 || startLimitBurst < 1 || stopTimeoutSec < 1
                || startTimeoutSec < 1) {
            throw new IllegalArgumentException("invalid unit timings");
        }
    }

    public static UnitSettings defaults() {
        return new UnitSettings("/usr/bin/podman", List.of(), 5, 300, 5, 30, 120, "pvdify.target");
    }

    public UnitSettings withRestart(int restartSec, int intervalSec, int burst) {
        return new UnitSettings(podman, podmanArgs, restartSec, intervalSec, burst, stopTimeoutSec,
                startTimeoutSec, target);
    }

    public UnitSettings withPodmanArgs(List<String> args) {
        return new UnitSettings(podman, args, restartSec, startLimitIntervalSec, startLimitBurst, stopTimeoutSec,
                startTimeoutSec, target);
    }
}
