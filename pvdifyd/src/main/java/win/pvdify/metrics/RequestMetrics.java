package win.pvdify.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The API's own requests, counted in memory since start: by method, route pattern (never the raw path: its
 * cardinality would be unbounded) and status code, with their latency as a histogram by method and route.
 */
public final class RequestMetrics {
    /** Upper bounds of the latency buckets, seconds. */
    static final double[] BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    private final Map<Key, LongAdder> counts = new ConcurrentSkipListMap<>();
    private final Map<Route, Latency> latency = new ConcurrentHashMap<>();

    private record Key(String method, String route, int code) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = route.compareTo(o.route);
            c = c != 0 ? c : method.compareTo(o.method);
            return c != 0 ? c : Integer.compare(code, o.code);
        }
    }

    private record Route(String method, String route) {
    }

    private static final class Latency {
        final LongAdder[] buckets = new LongAdder[BOUNDS.length];
        final LongAdder count = new LongAdder();
        final java.util.concurrent.atomic.DoubleAdder sum = new java.util.concurrent.atomic.DoubleAdder();

        Latency() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }
    }

    /** Methods counted by name; any other token a client sends is "other" (labels must stay few). */
    private static final java.util.Set<String> METHODS = java.util.Set.of("GET", "HEAD", "POST", "PUT", "PATCH",
            "DELETE", "OPTIONS");

    /** route: the matched pattern with its prefix (/api/v1/apps/{name}), or "unmatched". */
    public void record(String anyMethod, String route, int code, double seconds) {
        String method = METHODS.contains(anyMethod) ? anyMethod : "other";
        counts.computeIfAbsent(new Key(method, route, code), k -> new LongAdder()).increment();
        Latency l = latency.computeIfAbsent(new Route(method, route), k -> new Latency());
        for (int i = 0; i < BOUNDS.length; i++) {
            if (seconds <= BOUNDS[i]) {
                l.buckets[i].increment();
            }
        }
        l.count.increment();
        l.sum.add(seconds);
    }

    public List<Metric> metrics() {
        List<Metric.Sample> total = new ArrayList<>();
        counts.forEach((k, n) -> total.add(new Metric.Sample("pvdify_http_requests_total",
                Map.of("method", k.method(), "route", k.route(), "code", String.valueOf(k.code())), n.sum())));
        List<Metric.Sample> seconds = new ArrayList<>();
        latency.entrySet().stream()
                .sorted(java.util.Comparator.comparing((Map.Entry<Route, Latency> e) -> e.getKey().route())
                        .thenComparing(e -> e.getKey().method()))
                .forEach(e -> {
                    Latency l = e.getValue();
                    long[] cumulative = new long[BOUNDS.length];
                    for (int i = 0; i < BOUNDS.length; i++) {
                        cumulative[i] = l.buckets[i].sum();
                    }
                    seconds.addAll(PrometheusText.histogram("pvdify_http_request_duration_seconds",
                            Map.of("method", e.getKey().method(), "route", e.getKey().route()), BOUNDS, cumulative,
                            l.count.sum(), l.sum.sum()));
                });
        return List.of(
                new Metric("pvdify_http_requests_total", "API requests since pvdifyd started, by method, route "
                        + "and status code.", Metric.Type.COUNTER, total),
                new Metric("pvdify_http_request_duration_seconds", "API request latency (until the answer was "
                        + "sent), by method and route.", Metric.Type.HISTOGRAM, seconds));
    }
}
