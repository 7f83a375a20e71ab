package win.pvdify.podman;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import win.pvdify.dyno.DynoUsage;

/**
 * Dyno usage from Podman's one-shot stats. Usage is a nicety: when a sample fails (a dyno stopped between the
 * listing and the sample, Podman is busy), those dynos show none and `ps` still answers.
 */
public final class PodmanDynoUsage implements DynoUsage {
    private final PodmanApi podman;

    public PodmanDynoUsage(PodmanApi podman) {
        this.podman = podman;
    }

    @Override
    public Map<String, Usage> sample(List<String> containerIds) {
        if (containerIds.isEmpty()) {
            return Map.of();
        }
        Map<String, Usage> out = new HashMap<>();
        try {
            collect(containerIds, podman.stats(containerIds), out);
        } catch (PodmanException e) {
            // one container that is gone fails the whole call: sample the others one by one
            for (String id : containerIds) {
                try {
                    collect(List.of(id), podman.stats(List.of(id)), out);
                } catch (PodmanException ignored) {
                    // this dyno shows no usage
                }
            }
        }
        return out;
    }

    private static void collect(List<String> asked, List<ContainerStats> stats, Map<String, Usage> out) {
        for (ContainerStats s : stats) {
            for (String id : asked) {
                if (s.id() != null && !s.id().isEmpty() && (s.id().startsWith(id) || id.startsWith(s.id()))) {
                    out.put(id, new Usage(s.cpuPercent(), s.memoryBytes()));
                }
            }
        }
    }
}
