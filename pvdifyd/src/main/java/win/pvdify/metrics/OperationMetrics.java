package win.pvdify.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import win.pvdify.api.Operation;
import win.pvdify.store.OperationStats;

/**
 * Operations as metric families: ended ones by kind and outcome (succeeded, failed, cancelled) with their
 * durations, and those still queued or running.
 */
public final class OperationMetrics {
    /** Upper bounds of the duration buckets, seconds: a restart takes seconds, a build minutes. */
    public static final double[] BOUNDS = {1, 5, 15, 30, 60, 120, 300, 600, 1800};

    private OperationMetrics() {
    }

    public static List<Metric> of(List<OperationStats.Row> rows) {
        List<Metric.Sample> total = new ArrayList<>();
        List<Metric.Sample> duration = new ArrayList<>();
        List<Metric.Sample> pending = new ArrayList<>();
        for (OperationStats.Row r : rows) {
            if (Operation.State.ends(r.state())) {
                Map<String, String> labels = Map.of("kind", r.kind(), "outcome", r.state());
                total.add(new Metric.Sample("pvdify_operations_total", labels, r.count()));
                if (r.timed() > 0) {
                    duration.addAll(PrometheusText.histogram("pvdify_operation_duration_seconds", labels, BOUNDS,
                            r.cumulative(), r.timed(), r.seconds()));
                }
            } else {
                pending.add(new Metric.Sample("pvdify_operations_pending", Map.of("kind", r.kind(), "state",
                        r.state()), r.count()));
            }
        }
        return List.of(
                new Metric("pvdify_operations_total", "Operations that ended, by kind and outcome.",
                        Metric.Type.COUNTER, total),
                new Metric("pvdify_operation_duration_seconds",
                        "How long ended operations ran (start to end), by kind and outcome.",
                        Metric.Type.HISTOGRAM, duration),
                new Metric("pvdify_operations_pending", "Operations queued or running now, by kind.",
                        Metric.Type.GAUGE, pending));
    }
}
