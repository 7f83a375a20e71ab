package win.pvdify.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders metric families in the Prometheus text exposition format 0.0.4: # HELP and # TYPE lines, then one line
 * per sample; label values escaped (backslash, double quote, newline), so an app or route name cannot break a
 * line or forge a sample. Families without samples are left out.
 */
public final class PrometheusText {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {
    }

    public static String render(List<Metric> metrics) {
        StringBuilder b = new StringBuilder();
        for (Metric m : metrics) {
            if (m.samples().isEmpty()) {
                continue;
            }
            b.append("# HELP ").append(m.name()).append(' ').append(escapeHelp(m.help())).append('\n');
            b.append("# TYPE ").append(m.name()).append(' ').append(m.type().name().toLowerCase(Locale.ROOT))
                    .append('\n');
            for (Metric.Sample s : m.samples()) {
                b.append(s.name());
                List<String> names = new ArrayList<>(s.labels().keySet());
                names.sort((x, y) -> x.equals("le") ? 1 : y.equals("le") ? -1 : x.compareTo(y));
                if (!names.isEmpty()) {
                    b.append('{');
                    for (int i = 0; i < names.size(); i++) {
                        String n = names.get(i);
                        b.append(i == 0 ? "" : ",").append(n).append("=\"").append(escapeLabel(s.labels().get(n)))
                                .append('"');
                    }
                    b.append('}');
                }
                b.append(' ').append(number(s.value())).append('\n');
            }
        }
        return b.toString();
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static String escapeLabel(String v) {
        return (v == null ? "" : v).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String escapeHelp(String v) {
        return v.replace("\\", "\\\\").replace("\n", "\\n");
    }

    /** Histogram samples: one _bucket per upper bound (cumulative counts) and +Inf, then _sum and _count. */
    public static List<Metric.Sample> histogram(String name, Map<String, String> labels, double[] bounds,
                                                long[] cumulative, long count, double sum) {
        List<Metric.Sample> out = new ArrayList<>();
        for (int i = 0; i < bounds.length; i++) {
            out.add(new Metric.Sample(name + "_bucket", with(labels, "le", number(bounds[i])), cumulative[i]));
        }
        out.add(new Metric.Sample(name + "_bucket", with(labels, "le", "+Inf"), count));
        out.add(new Metric.Sample(name + "_sum", labels, sum));
        out.add(new Metric.Sample(name + "_count", labels, count));
        return out;
    }

    private static Map<String, String> with(Map<String, String> labels, String k, String v) {
        Map<String, String> m = new java.util.LinkedHashMap<>(labels);
        m.put(k, v);
        return m;
    }
}
