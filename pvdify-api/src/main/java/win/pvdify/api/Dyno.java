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
}
