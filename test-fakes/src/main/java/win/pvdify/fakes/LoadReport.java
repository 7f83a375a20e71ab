package win.pvdify.fakes;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a LoadProbe saw. Times are nanoseconds since the probe started. A request is an error when it got no
 * answer (status -1: refused, reset, timeout) or an answer other than the expected status.
 */
public record LoadReport(List<Sample> samples, List<Mark> marks, List<String> retries) {

    /** One request: when it started and ended, its status (-1 = no answer), first body line, error text. */
    public record Sample(long startNanos, long endNanos, int status, String tag, String error) {
    }

    public record Mark(String label, long atNanos) {
    }

    /** When responses with one body tag were seen (e.g. which backend answered). */
    public record TagSpan(String tag, long count, long firstNanos, long lastNanos) {
    }

    public long requests() {
        return samples.size();
    }

    public List<Sample> errors(int expectedStatus) {
        return samples.stream().filter(s -> s.status() != expectedStatus).toList();
    }

    public Map<Integer, Long> statuses() {
        return samples.stream().collect(Collectors.groupingBy(Sample::status, TreeMap::new, Collectors.counting()));
    }

    /** Per body tag, in order of first appearance: how often and from when to when it answered. */
    public List<TagSpan> tagSpans() {
        Map<String, long[]> spans = new LinkedHashMap<>();
        samples.stream().filter(s -> s.tag() != null).sorted(Comparator.comparingLong(Sample::endNanos))
                .forEach(s -> {
                    long[] span = spans.computeIfAbsent(s.tag(), t -> new long[] {0, s.endNanos(), s.endNanos()});
                    span[0]++;
                    span[2] = s.endNanos();
                });
        return spans.entrySet().stream()
                .map(e -> new TagSpan(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2])).toList();
    }

    /**
     * Human-readable summary: request count, statuses, errors (first few), retries, marks and tag spans;
     * a cutover from tag A to the next tag B shows how long both answered (overlap) or how long none did (gap).
     */
    public String summary(int expectedStatus) {
        StringBuilder out = new StringBuilder();
        List<Sample> errors = errors(expectedStatus);
        out.append(String.format("requests=%d errors=%d statuses=%s stale-keepalive-retries=%d%n",
                requests(), errors.size(), statuses(), retries.size()));
        errors.stream().limit(10).forEach(e -> out.append(String.format("  error at %s: status %d %s%n",
                ms(e.startNanos()), e.status(), e.error() == null ? e.tag() : e.error())));
        retries.stream().distinct().limit(3).forEach(r -> out.append("  retried: ").append(r).append('\n'));
        for (int i = 0; i < marks.size(); i++) {
            Mark m = marks.get(i);
            long end = i + 1 < marks.size() ? marks.get(i + 1).atNanos() : lastEnd();
            long from = i > 0 ? marks.get(i - 1).atNanos() : 0;
            out.append(String.format("  mark %s: %s%s%n", ms(m.atNanos()), m.label(), cutover(from, m.atNanos(), end)));
        }
        List<TagSpan> spans = tagSpans();
        for (int i = 0; i < spans.size(); i++) {
            TagSpan s = spans.get(i);
            out.append(String.format("  tag '%s': %d responses, %s .. %s%n", s.tag(), s.count(), ms(s.firstNanos()),
                    ms(s.lastNanos())));
            if (i > 0) {
                TagSpan prev = spans.get(i - 1);
                long overlap = prev.lastNanos() - s.firstNanos();
                out.append(String.format("  cutover '%s' -> '%s': %s %s%n", prev.tag(), s.tag(),
                        overlap >= 0 ? "both answered for" : "nobody answered for", ms(Math.abs(overlap))));
            }
        }
        return out.toString();
    }

    /**
     * For the phase [mark, end): tags that answered before the mark but no longer at the phase's end are "gone",
     * tags that did not answer before are "new"; the cutover is when the last gone / first new answer happened.
     */
    private String cutover(long before, long mark, long end) {
        long tail = mark + (end - mark) * 3 / 4;
        java.util.Set<String> prev = tags(before, mark);
        java.util.Set<String> phase = tags(mark, end);
        java.util.Set<String> atEnd = tags(tail, end);
        java.util.Set<String> gone = new java.util.TreeSet<>(prev);
        gone.removeAll(atEnd);
        java.util.Set<String> fresh = new java.util.TreeSet<>(phase);
        fresh.removeAll(prev);
        long done = mark;
        for (Sample s : samples) {
            if (s.tag() == null || s.endNanos() < mark || s.endNanos() >= end) {
                continue;
            }
            if (gone.contains(s.tag())) {
                done = Math.max(done, s.endNanos());
            }
        }
        for (String t : fresh) {
            done = Math.max(done, samples.stream().filter(s -> t.equals(s.tag()) && s.endNanos() >= mark)
                    .mapToLong(Sample::endNanos).min().orElse(mark));
        }
        if (gone.isEmpty() && fresh.isEmpty()) {
            return "";
        }
        return String.format(" (new %s, gone %s, cutover %s after the mark)", fresh, gone, ms(done - mark));
    }

    private java.util.Set<String> tags(long from, long to) {
        return samples.stream().filter(s -> s.tag() != null && s.endNanos() >= from && s.endNanos() < to)
                .map(Sample::tag).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    private long lastEnd() {
        return samples.stream().mapToLong(Sample::endNanos).max().orElse(0) + 1;
    }

    private static String ms(long nanos) {
        return String.format("%.1f ms", nanos / 1e6);
    }
}
