package win.pvdify.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden cases in src/test/resources/caddy/*.case: "key: value" input lines (app, hosts, upstreams, and optional
 * settings policy, try_duration, try_interval, fail_duration, max_fails, unhealthy_status; maintenance: on, with
 * optional message (\n, \r, \t and \\ escapes; backslash-u and 4 hex digits too) and retry_after), a ---------- line, then the whole
 * expected route JSON, or a "## assert-error-contains TEXT" line for bad input.
 */
class CaddyRoutesTest {
    private static final Path DIR = Path.of("src/test/resources/caddy");
    private final ObjectMapper json = new ObjectMapper();

    static Stream<Path> cases() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".case")).sorted().toList();
            assertTrue(list.size() >= 5, "golden cases missing in " + DIR.toAbsolutePath());
            return list.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersGoldenCase(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int sep = text.indexOf("\n----------\n");
        assertTrue(sep > 0, file + ": no ---------- line");
        Map<String, String> in = input(text.substring(0, sep));
        String expected = text.substring(sep + "\n----------\n".length()).strip();
        if (expected.startsWith("## assert-error-contains ")) {
            String wanted = expected.substring("## assert-error-contains ".length()).strip();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> render(in));
            assertTrue(e.getMessage().contains(wanted), file + ": error was: " + e.getMessage());
            return;
        }
        JsonNode actual = render(in);
        assertEquals(json.readTree(expected), actual, file + " rendered:\n"
                + json.writerWithDefaultPrettyPrinter().writeValueAsString(actual));
    }

    private JsonNode render(Map<String, String> in) {
        RouteSettings d = RouteSettings.defaults();
        RouteSettings settings = new RouteSettings(in.getOrDefault("policy", d.policy()),
                duration(in.get("try_duration"), d.tryDuration()), duration(in.get("try_interval"), d.tryInterval()),
                duration(in.get("fail_duration"), d.failDuration()),
                Integer.parseInt(in.getOrDefault("max_fails", "" + d.maxFails())),
                list(in.get("unhealthy_status")).stream().map(Integer::valueOf).toList());
        List<Upstream> upstreams = new ArrayList<>();
        for (String u : list(in.get("upstreams"))) {
            int colon = u.lastIndexOf(':');
            upstreams.add(new Upstream(u.substring(0, colon), Integer.parseInt(u.substring(colon + 1))));
        }
        MaintenancePage page = !"on".equals(in.get("maintenance")) ? null
                : new MaintenancePage(in.containsKey("message") ? unescape(in.get("message")) : null,
                        in.containsKey("retry_after") ? Integer.valueOf(in.get("retry_after")) : null);
        return CaddyRoutes.render(new AppRoute(in.get("app"), list(in.get("hosts")), upstreams, page), settings);
    }

    private static String unescape(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\\' || i + 1 == value.length()) {
                out.append(c);
                continue;
            }
            char next = value.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append((char) Integer.parseInt(value.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(next);
            }
        }
        return out.toString();
    }

    private static Map<String, String> input(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            out.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
        return out;
    }

    private static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).toList();
    }

    private static Duration duration(String value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        return value.endsWith("ms") ? Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)))
                : Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
    }
}
