package win.pvdify.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {
    @Test
    void escapesNewlinesQuotesAndBackslashesAndWritesSpecialNumbers() {
        String out = PrometheusText.render(List.of(new Metric("m", "a\\b\nc", Metric.Type.GAUGE, List.of(
                new Metric.Sample("m", Map.of("app", "x\"}\nm{evil=\"1\"} 99\\"), Double.NaN),
                new Metric.Sample("m", Map.of(), Double.POSITIVE_INFINITY),
                new Metric.Sample("m", Map.of(), 0.000125)))));
        assertEquals("""
                # HELP m a\\\\b\\nc
                # TYPE m gauge
                m{app="x\\"}\\nm{evil=\\"1\\"} 99\\\\"} NaN
                m +Inf
                m 1.25E-4
                """, out);
        assertEquals(5, out.lines().count()); // the hostile label stayed on its line
    }
}
