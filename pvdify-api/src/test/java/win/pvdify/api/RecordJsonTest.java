package win.pvdify.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RecordJson against Jackson with {@link Json#newMapper()}, for every record of the API package (found on disk,
 * so a new DTO is covered without touching this test): the same bytes written, and each reads the other's.
 */
class RecordJsonTest {
    private final RecordJson recordJson = new RecordJson();
    private final ObjectMapper jackson = Json.newMapper();

    static Stream<Class<?>> apiRecords() throws IOException {
        Path dir = Path.of("target/classes/win/pvdify/api");
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".class") && !name.contains("$")) {
                    try {
                        Class<?> c = Class.forName("win.pvdify.api." + name.substring(0, name.length() - 6));
                        if (c.isRecord()) {
                            out.add(c);
                        }
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        assertTrue(out.size() >= 25, "found the API records: " + out);
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("apiRecords")
    void fullRecordsMatchJackson(Class<?> type) throws Exception {
        assertSameMapping(type, sample(type, true, 0));
    }

    @ParameterizedTest
    @MethodSource("apiRecords")
    void sparseRecordsMatchJackson(Class<?> type) throws Exception {
        assertSameMapping(type, sample(type, false, 0));
    }

    private void assertSameMapping(Class<?> type, Object value) throws Exception {
        String ours = new String(recordJson.write(value), StandardCharsets.UTF_8);
        assertEquals(jackson.writeValueAsString(value), ours, "compact JSON of " + type.getSimpleName());
        assertEquals(jackson.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value),
                recordJson.writePretty(value), "indented JSON of " + type.getSimpleName());
        assertEquals(value, recordJson.read(jackson.writeValueAsBytes(value), type), "RecordJson reads Jackson's");
        assertEquals(value, jackson.readValue(ours, type), "Jackson reads RecordJson's");
    }

    @Test
    void listsMapsAndNullMapValues() throws Exception {
        List<App> apps = List.of((App) sample(App.class, true, 0), (App) sample(App.class, false, 0));
        byte[] bytes = jackson.writeValueAsBytes(apps);
        assertEquals(apps, recordJson.read(bytes, RecordJson.listOf(App.class)));
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("SET", "v");
        vars.put("UNSET", null);
        assertEquals("{\"SET\":\"v\",\"UNSET\":null}", new String(recordJson.write(vars), StandardCharsets.UTF_8),
                "a null value means unset: it is sent, not dropped");
        assertEquals(vars, recordJson.read("{\"SET\":\"v\",\"UNSET\":null}".getBytes(StandardCharsets.UTF_8),
                RecordJson.mapOf(String.class)));
    }

    @Test
    void unknownFieldsOfAnyShapeAreSkipped() throws Exception {
        String json = "{\"extra\":{\"deep\":[1,{\"x\":[]}]},\"error\":\"boom\",\"more\":[[[]]],\"id\":\"r1\",\"z\":null}";
        assertEquals(new ApiError("boom", "r1"), recordJson.read(json, ApiError.class));
    }

    @Test
    void missingAndNullPrimitivesAreZeroLikeJackson() throws Exception {
        Release r = recordJson.read("{\"version\":null,\"image\":\"x\"}", Release.class);
        assertEquals(jackson.readValue("{\"version\":null,\"image\":\"x\"}", Release.class), r);
        assertEquals(0, r.version());
        assertEquals(0, r.configVersion());
    }

    @Test
    void instantsReadFromOffsetsAndEpochSecondsLikeJackson() throws Exception {
        for (String json : List.of("{\"created_at\":\"2026-01-15T11:30:00+01:00\"}",
                "{\"created_at\":1768476600.123456789}", "{\"created_at\":\"2026-01-15T10:30:00.5Z\"}")) {
            assertEquals(jackson.readValue(json, DnsZoneStamp.class).createdAt(),
                    recordJson.read(json, Domain.class).createdAt(), json);
        }
    }

    /** Domain's created_at alone, read by Jackson. */
    record DnsZoneStamp(Instant createdAt) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "[", "{\"error\":", "{\"error\":\"x\"", "{\"error\":\"x\"}}", "nul",
        "{\"error\":[1,2]}", "{\"error\":{}}", "[{\"error\":\"x\"}]", "\"text\"", "42", "{\"id\":tru}",
        "{\"error\":\"x\"} {\"error\":\"y\"}", "{'error':'x'}", "{\"error\":\"\\uZZZZ\"}"})
    void malformedOrMisshapenJsonIsAnIOExceptionNeverAnotherFailure(String json) {
        assertThrows(IOException.class, () -> recordJson.read(json, ApiError.class), json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"version\":\"seven\"}", "{\"version\":true}", "{\"version\":{}}",
        "{\"created_at\":\"yesterday\"}", "{\"created_at\":true}", "{\"version\":1e999999}",
        "{\"version\":99999999999999999999999}"})
    void wrongTypesAreIOExceptions(String json) {
        assertThrows(IOException.class, () -> recordJson.read(json, Release.class), json);
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        String deep = "{\"extra\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertThrows(IOException.class, () -> recordJson.read(deep, ApiError.class));
    }

    @Test
    void snakeCaseIsJacksons() {
        assertEquals("token_id", RecordJson.snakeCase("tokenId"));
        assertEquals("current_release", RecordJson.snakeCase("currentRelease"));
        assertEquals("name", RecordJson.snakeCase("name"));
        assertEquals("u_rl", RecordJson.snakeCase("uRL"));
    }

    @Test
    void stringsAreEscaped() throws Exception {
        ApiError hostile = new ApiError("quote \" backslash \\ newline \n nul \u0000 </script> \u2028", "id");
        byte[] ours = recordJson.write(hostile);
        assertEquals(jackson.writeValueAsString(hostile), new String(ours, StandardCharsets.UTF_8));
        assertEquals(hostile, recordJson.read(ours, ApiError.class));
        assertFalse(new String(ours, StandardCharsets.UTF_8).contains("\n"));
    }

    @Test
    void nullDocumentReadsAsNull() throws Exception {
        assertNull(recordJson.read("null", ApiError.class));
    }

    // --- sample values --------------------------------------------------------------------------------

    /** A value of the type: every field set (full) or only primitives (sparse). Depth stops runaway nesting. */
    private static Object sample(Type type, boolean full, int depth) throws Exception {
        Class<?> raw = type instanceof ParameterizedType pt ? (Class<?>) pt.getRawType() : (Class<?>) type;
        if (raw == String.class) {
            return "s-\u00e9\"" + depth;
        }
        if (raw == int.class || raw == Integer.class) {
            return 7 + depth;
        }
        if (raw == long.class || raw == Long.class) {
            return 1L << 40;
        }
        if (raw == double.class || raw == Double.class) {
            return 0.25;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return true;
        }
        if (raw == Instant.class) {
            return Instant.parse("2026-01-15T10:30:00.123Z");
        }
        if (raw == List.class) {
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            return List.of(sample(element, full, depth + 1), sample(element, false, depth + 1));
        }
        if (raw == Map.class) {
            Type value = ((ParameterizedType) type).getActualTypeArguments()[1];
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("B_KEY", sample(value, full, depth + 1));
            m.put("A_KEY", sample(value, full, depth + 1));
            return m;
        }
        if (raw.isRecord()) {
            RecordComponent[] cs = raw.getRecordComponents();
            Object[] args = new Object[cs.length];
            Class<?>[] types = new Class<?>[cs.length];
            for (int i = 0; i < cs.length; i++) {
                types[i] = cs[i].getType();
                boolean primitive = cs[i].getType().isPrimitive();
                args[i] = (full && depth < 3) || primitive ? sample(cs[i].getGenericType(), full, depth + 1) : null;
            }
            return raw.getDeclaredConstructor(types).newInstance(args);
        }
        throw new IllegalArgumentException("no sample for " + type);
    }
}
