package win.pvdify.podman;

import java.util.List;
import java.util.Map;

/**
 * A container to create through the API (the fallback supervisor's equivalent of a dyno unit).
 * hostPort null = no port; restartTries = retries of the on-failure restart policy (0 = never restart).
 */
public record ContainerCreate(
        String name,
        String image,
        List<String> command,
        Map<String, String> env,
        Map<String, String> labels,
        Integer hostPort,
        int bindPort,
        Integer memoryMb,
        Double cpu,
        boolean readOnly,
        int restartTries,
        int stopTimeoutSec) {

    public ContainerCreate {
        command = command == null ? null : List.copyOf(command);
        env = Map.copyOf(env);
        labels = Map.copyOf(labels);
    }
}
