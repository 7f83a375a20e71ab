package win.pvdify.podman;

import java.time.Instant;
import java.util.Map;

/** One row of the container list. state: created, running, exited, stopped, paused, ... */
public record ContainerSummary(String id, String name, String state, Map<String, String> labels,
        Instant startedAt, int exitCode) {
}
