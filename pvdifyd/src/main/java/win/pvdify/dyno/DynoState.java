package win.pvdify.dyno;

import java.time.Instant;

/**
 * What the supervisor observes of one dyno (from systemd and Podman, never from the database).
 * state: up, starting, crashed, restarting, stopped. unit is the systemd unit or container name.
 */
public record DynoState(
        String app,
        int release,
        String type,
        int number,
        String unit,
        String state,
        Integer hostPort,
        Instant startedAt,
        int restarts,
        String containerId) {

    public String dynoName() {
        return type + "." + number;
    }
}
