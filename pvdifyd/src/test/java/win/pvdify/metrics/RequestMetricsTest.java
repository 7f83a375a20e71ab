package win.pvdify.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequestMetricsTest {
    @Test
    void countsByRouteAndKeepsLabelsFewAgainstInventedMethods() {
        RequestMetrics m = new RequestMetrics();
        m.record("GET", "/api/v1/apps", 200, 0.003);
        m.record("GET", "/api/v1/apps", 200, 0.2);
        for (int i = 0; i < 100; i++) {
            m.record("X" + i, "unmatched", 404, 0.001);
        }
        String text = PrometheusText.render(m.metrics());
        List<String> totals = text.lines().filter(l -> l.startsWith("pvdify_http_requests_total{")).toList();
        assertEquals(List.of(
                "pvdify_http_requests_total{code=\"200\",method=\"GET\",route=\"/api/v1/apps\"} 2",
                "pvdify_http_requests_total{code=\"404\",method=\"other\",route=\"unmatched\"} 100"), totals);
        assertEquals(true, text.contains(
                "pvdify_http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/v1/apps\",le=\"0.005\"} 1\n"));
        assertEquals(true, text.contains(
                "pvdify_http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/v1/apps\",le=\"0.25\"} 2\n"));
    }
}
