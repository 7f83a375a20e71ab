package win.pvdify.api;

import io.avaje.jsonb.Json;
import java.time.Instant;

/**
 * One running (or trying to run) container. state: up, starting, crashed, restarting, stopped. health: what the
 * liveness probe says of a web dyno (healthy, failing, out = taken out of the route and being restarted), null when
 * it is not probed.
 */
@Json(naming = Json.Naming.LowerUnderscore)
public record Dyno(
        String name,
        String type,
        int number,
        int release,
        String state,
        Integer port,
        Instant startedAt,
        Long uptimeSeconds,
        int restarts,
        Double cpuPercent,
        Long memoryBytes,
        String health) {

    public Dyno(String name, String type, int number, int release, String state, Integer port, Instant startedAt,
                Long uptimeSeconds, int restarts, Double cpuPercent, Long memoryBytes) {
        this(name, type, number, release, state, port, startedAt, uptimeSeconds, restarts, cpuPercent, memoryBytes,
                null);
    }

    /** What the liveness probe says of a web dyno. */
    public enum Health implements WireValue {
        /** Its probes pass. */
        HEALTHY,
        /** Some probes failed in a row, fewer than the threshold: still routed. */
        FAILING,
        /** Taken out of the route and restarted; put back once a probe passes. */
        OUT
    }

    /** A dyno's state as its supervisor (systemd or Podman) sees it. */
    public enum State implements WireValue {
        UP, STARTING, RESTARTING, CRASHED, STOPPED;

        /** Crashed or stopped: not serving and not about to. */
        public boolean down() {
            return this == CRASHED || this == STOPPED;
        }
    }
}
