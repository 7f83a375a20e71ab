package win.pvdify.podman;

import java.time.Instant;
import java.util.Map;

/** What inspect tells about one container. pid is in Podman's PID namespace; 0 when not running. */
public record ContainerDetails(String id, String name, String status, boolean running, int pid, int exitCode,
        Instant startedAt, Instant finishedAt, int restartCount, Map<String, String> labels, String image) {
}
