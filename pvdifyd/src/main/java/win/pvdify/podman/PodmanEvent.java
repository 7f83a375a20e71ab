package win.pvdify.podman;

import java.time.Instant;
import java.util.Map;

/** type: container, image, ...; action: create, start, died, remove, ...; attributes include labels. */
public record PodmanEvent(String type, String action, String id, String name, Map<String, String> attributes,
        Instant time) {
}
