package win.pvdify.podman;

import java.util.List;

/** The part of the Podman API that reading dyno logs needs: which containers there are, and their output. */
public interface PodmanLogs {
    /** Every container (any state) matching all label filters: "key" (has the label) or "key=value". */
    List<ContainerSummary> listContainers(List<String> labelFilters);

    /** The container's output: the last `tail` lines (-1 = all), then new ones when follow, until closed. */
    PodmanStream<LogFrame> logs(String nameOrId, int tail, boolean follow, boolean timestamps);
}
