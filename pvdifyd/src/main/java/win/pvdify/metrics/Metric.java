package win.pvdify.metrics;

import java.util.List;
import java.util.Map;

/**
 * One metric family as Prometheus exposes it: a name, its help line, its type and its samples. A sample's
 * name is the family's name or, for histograms, the name with _bucket, _sum or _count.
 */
public record Metric(String name, String help, Type type, List<Sample> samples) {

    public enum Type {
        COUNTER, GAUGE, HISTOGRAM
    }

    /** One line: name{labels} value. Labels render sorted by name ("le" last), so output is deterministic. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    public Metric {
        samples = List.copyOf(samples);
    }
}
