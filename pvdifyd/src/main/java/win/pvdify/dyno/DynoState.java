package win.pvdify.dyno;

import java.time.Instant;
import win.pvdify.api.Dyno;

/**
 * What the supervisor observes of one dyno (from systemd and Podman, never from the database).
 * unit is the systemd unit or container name.
 */
public record DynoState(
        String app,
        int release,
        String type,
        int number,
        String unit,
        Dyno.State state,
        Integer hostPort,
        Instant startedAt,
        int restarts,
        String containerId) {

    public String dynoName() {
        return type + "." + number;
    }
}
