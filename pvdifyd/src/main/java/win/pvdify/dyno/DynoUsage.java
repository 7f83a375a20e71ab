package win.pvdify.dyno;

import java.util.List;
import java.util.Map;

/** CPU and memory of running dynos for `ps`: one sample now, not a time series. */
public interface DynoUsage {
    /** cpuPercent: of one core, as `podman stats` shows it; memoryBytes: resident memory. */
    record Usage(double cpuPercent, long memoryBytes) {
    }

    /** Usage by container id, for those of the given running containers that could be sampled. */
    Map<String, Usage> sample(List<String> containerIds);

    DynoUsage NONE = containerIds -> Map.of();
}
