package win.pvdify.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the golden files do not show: lists, maps with null values, unknown fields, nulls, limits, escapes. */
class ApiJsonTest {
    private final ApiJson json = new ApiJson();

    private String text(Object value) {
        return new String(json.write(value), StandardCharsets.UTF_8);
    }

    @Test
    void listsOfRecordsRoundTrip() {
        List<App> apps = List.of((App) ApiRecords.sample(App.class, true, 0),
                (App) ApiRecords.sample(App.class, false, 0));
        assertEquals(apps, json.read(json.write(apps), ApiJson.listOf(App.class)));
        assertEquals("[{\"name\":\"a\"},{\"name\":\"b\"}]",
                text(List.of(new CreateApp("a", null), new CreateApp("b", null))));
    }

    @Test
    void nullMapValuesAreSentAndReadBecauseTheyUnset() {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("SET", "v");
        vars.put("UNSET", null);
        assertEquals("{\"SET\":\"v\",\"UNSET\":null}", text(vars), "a null value means unset: sent, not dropped");
        assertEquals(vars, json.read("{\"SET\":\"v\",\"UNSET\":null}", Map.class));
        Map<String, String> read = json.read("{\"SET\":\"v\",\"UNSET\":null}".getBytes(StandardCharsets.UTF_8),
                ApiJson.mapOf(String.class));
        assertEquals(vars, read);
        assertEquals("{\"config_version\":3,\"vars\":{\"A\":\"1\"}}", text(new ConfigVars(3, Map.of("A", "1"), null)),
                "null record fields are left out, also next to a map");
    }

    @Test
    void unknownFieldsOfAnyShapeAreSkipped() {
        String s = "{\"extra\":{\"deep\":[1,{\"x\":[]}]},\"error\":\"boom\",\"more\":[[[]]],\"id\":\"r1\",\"z\":null,"
                + "\"n\":-1.5e3,\"t\":true}";
        assertEquals(new ApiError("boom", "r1"), json.read(s, ApiError.class));
    }

    @Test
    void missingPrimitivesAreZeroAndNullObjectsAreNull() {
        Release r = json.read("{\"image\":\"x\"}", Release.class);
        assertEquals(0, r.version());
        assertEquals(0, r.configVersion());
        assertNull(json.read("{\"bind_port\":null,\"resources\":null,\"read_only\":null}", UpdateApp.class)
                .resources());
        assertEquals(new ScaleRequest(Arrays.asList((FormationEntry) null)),
                json.read("{\"updates\":[null]}", ScaleRequest.class), "the services refuse a null entry");
    }

    @Test
    void integersAreAllowedWhereADecimalIsExpected() {
        assertEquals(new Resources(512, 1.0), json.read("{\"memory_mb\":512,\"cpu\":1}", Resources.class));
        assertEquals(new Resources(null, -0.5), json.read("{\"cpu\":-5e-1}", Resources.class));
    }

    @Test
    void instantsWithAnOffsetAreRefusedOnlyWhenNotIso() {
        assertEquals(java.time.Instant.parse("2026-01-15T10:30:00Z"),
                json.read("{\"created_at\":\"2026-01-15T10:30:00Z\"}", Domain.class).createdAt());
    }

    @Test
    void theNullDocumentAndBlankDocuments() {
        assertNull(json.read("null", ApiError.class));
        assertNull(json.read(" null ", ApiError.class));
        assertThrows(BadJson.class, () -> json.read("", ApiError.class));
        assertThrows(BadJson.class, () -> json.read("  ", ApiError.class));
    }

    @Test
    void nestingUpToTheLimitIsRead() {
        int depth = ApiJson.MAX_DEPTH - 1;
        String s = "{\"extra\":" + "[".repeat(depth) + "]".repeat(depth) + ",\"error\":\"x\"}";
        assertEquals(new ApiError("x", null), json.read(s, ApiError.class));
        String deep = "{\"extra\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        BadJson e = assertThrows(BadJson.class, () -> json.read(deep, ApiError.class));
        assertNull(e.field());
    }

    @Test
    void bracketsInsideStringsAreNotNesting() {
        String s = "{\"error\":\"" + "[{".repeat(1000) + "\\\"]\",\"id\":\"r\"}";
        assertEquals(new ApiError("[{".repeat(1000) + "\"]", "r"), json.read(s, ApiError.class));
    }

    @Test
    void stringsAreEscapedAndReadBack() {
        ApiError hostile = new ApiError("quote \" backslash \\ newline \n tab \t nul \u0000 </script> \u2028 \u00e9 \ud83d\ude80", "id");
        String written = text(hostile);
        assertFalse(written.contains("\n"));
        assertEquals("{\"error\":\"quote \\\" backslash \\\\ newline \\n tab \\t nul \\u0000 </script> \u2028 \u00e9 "
                + "\ud83d\ude80\",\"id\":\"id\"}", written);
        assertEquals(hostile, json.read(json.write(hostile), ApiError.class));
    }

    @Test
    void numbersAreWrittenAsJavaWritesThem() {
        assertEquals("{\"memory_mb\":512,\"cpu\":1.0}", text(new Resources(512, 1.0)));
        assertEquals("{\"cpu\":0.1}", text(new Resources(null, 0.1)));
        assertEquals("{\"cpu\":1.23456789125E8}", text(new Resources(null, 123456789.125)));
        assertEquals("{\"cpu\":-0.0}", text(new Resources(null, -0.0)));
        assertEquals("{\"cpu\":1.7976931348623157E308}", text(new Resources(null, Double.MAX_VALUE)));
        assertEquals(new Resources(null, Double.MAX_VALUE), json.read(text(new Resources(null, Double.MAX_VALUE)),
                Resources.class));
        assertEquals("{\"number\":1,\"release\":2,\"restarts\":0,\"cpu_percent\":12.5,\"memory_bytes\":9007199254740993}",
                text(new Dyno(null, null, 1, 2, null, null, null, null, 0, 12.5, 9007199254740993L)));
    }

    @Test
    void aReadCanBeRepeatedFromManyThreads() throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        byte[] body = json.write(ApiRecords.sample(App.class, true, 0));
        for (int i = 0; i < 4; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int j = 0; j < 500; j++) {
                        json.read(body, App.class);
                        assertThrows(BadJson.class, () -> json.read("{\"bind_port\":\"1\"}", UpdateApp.class));
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of(), failures);
    }
}
