package win.pvdify.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import win.pvdify.api.Dyno;

/**
 * Apps and their dynos as metric families: dynos per app, process type and state; each dyno's restarts, CPU
 * (percent of one core, as `podman stats` shows it) and resident memory, where sampled.
 */
public final class DynoMetrics {
    private DynoMetrics() {
    }

    /** dynos: each app's observed dynos (as `ps` shows them). */
    public static List<Metric> of(SortedMap<String, List<Dyno>> dynos) {
        List<Metric.Sample> counts = new ArrayList<>();
        List<Metric.Sample> restarts = new ArrayList<>();
        List<Metric.Sample> cpu = new ArrayList<>();
        List<Metric.Sample> memory = new ArrayList<>();
        dynos.forEach((app, list) -> {
            SortedMap<String, Integer> byTypeAndState = new TreeMap<>();
            for (Dyno d : list) {
                byTypeAndState.merge(d.type() + "\n" + d.state(), 1, Integer::sum);
                Map<String, String> labels = Map.of("app", app, "process", d.type(), "dyno", d.name());
                restarts.add(new Metric.Sample("pvdify_dyno_restarts_total", labels, d.restarts()));
                if (d.cpuPercent() != null) {
                    cpu.add(new Metric.Sample("pvdify_dyno_cpu_percent", labels, d.cpuPercent()));
                }
                if (d.memoryBytes() != null) {
                    memory.add(new Metric.Sample("pvdify_dyno_memory_bytes", labels, d.memoryBytes()));
                }
            }
            byTypeAndState.forEach((k, n) -> {
                String[] typeState = k.split("\n", 2);
                counts.add(new Metric.Sample("pvdify_dynos", Map.of("app", app, "process", typeState[0], "state",
                        typeState[1]), n));
            });
        });
        return List.of(
                new Metric("pvdify_apps", "Apps.", Metric.Type.GAUGE,
                        List.of(new Metric.Sample("pvdify_apps", Map.of(), dynos.size()))),
                new Metric("pvdify_dynos", "Dynos by app, process type and state (up, starting, restarting, "
                        + "crashed, stopped).", Metric.Type.GAUGE, counts),
                new Metric("pvdify_dyno_restarts_total", "Times the supervisor restarted the dyno.",
                        Metric.Type.COUNTER, restarts),
                new Metric("pvdify_dyno_cpu_percent", "CPU of the dyno, percent of one core (podman stats).",
                        Metric.Type.GAUGE, cpu),
                new Metric("pvdify_dyno_memory_bytes", "Resident memory of the dyno in bytes (podman stats).",
                        Metric.Type.GAUGE, memory));
    }
}
