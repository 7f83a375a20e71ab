package win.pvdify.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import win.pvdify.api.Dyno;
import win.pvdify.store.OperationStats;

/**
 * Golden cases in src/test/resources/metrics/*.case: input lines, a ---------- line, then the whole expected
 * Prometheus text. Input: "app: NAME" (an app without dynos), "dyno: APP NAME TYPE STATE RESTARTS CPU|- MEMORY|-",
 * "op: KIND STATE COUNT TIMED SECONDS B1,B2,..." (cumulative bucket counts for OperationMetrics.BOUNDS),
 * "#" comments. Rendered: OperationMetrics then DynoMetrics. -Dgolden.update=true rewrites the expected part.
 */
class MetricsGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/metrics");
    private static final String SEP = "\n----------\n";

    static Stream<Path> cases() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".case")).sorted().toList();
            assertTrue(list.size() >= 3, "golden cases missing in " + DIR.toAbsolutePath());
            return list.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersGoldenCase(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int sep = text.indexOf(SEP);
        assertTrue(sep > 0, file + ": no ---------- line");
        String actual = render(text.substring(0, sep));
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(file, text.substring(0, sep) + SEP + actual, StandardCharsets.UTF_8);
            return;
        }
        assertEquals(text.substring(sep + SEP.length()), actual, file.toString());
    }

    private static String render(String input) {
        SortedMap<String, List<Dyno>> dynos = new TreeMap<>();
        List<OperationStats.Row> ops = new ArrayList<>();
        for (String line : input.lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] kv = line.split(": ", 2);
            String[] w = kv[1].split(" ");
            switch (kv[0]) {
                case "app" -> dynos.putIfAbsent(w[0], new ArrayList<>());
                case "dyno" -> dynos.computeIfAbsent(w[0], k -> new ArrayList<>()).add(new Dyno(w[1], w[2], 1, 1,
                        w[3], null, null, null, Integer.parseInt(w[4]),
                        w[5].equals("-") ? null : Double.valueOf(w[5]), w[6].equals("-") ? null : Long.valueOf(w[6])));
                case "op" -> ops.add(new OperationStats.Row(w[0], w[1], Long.parseLong(w[2]), Long.parseLong(w[3]),
                        Double.parseDouble(w[4]), Arrays.stream(w[5].split(",")).mapToLong(Long::parseLong).toArray()));
                default -> throw new IllegalArgumentException("unknown input line: " + line);
            }
        }
        List<Metric> all = new ArrayList<>(OperationMetrics.of(ops));
        all.addAll(DynoMetrics.of(dynos));
        return PrometheusText.render(all);
    }
}
