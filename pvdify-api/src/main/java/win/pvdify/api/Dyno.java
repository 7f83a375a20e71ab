package win.pvdify.api;

import io.avaje.jsonb.Json;
import java.time.Instant;

/** One running (or trying to run) container. state: up, starting, crashed, restarting, stopped. */
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
        Long memoryBytes) {

    /** A dyno's state as its supervisor (systemd or Podman) sees it. */
    public enum State implements WireValue {
        UP, STARTING, RESTARTING, CRASHED, STOPPED;

        /** Crashed or stopped: not serving and not about to. */
        public boolean down() {
            return this == CRASHED || this == STOPPED;
        }
    }
}
