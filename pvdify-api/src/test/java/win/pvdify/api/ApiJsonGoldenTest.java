package win.pvdify.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The wire format of every API record, pinned: src/test/resources/wire/RECORD.json holds the JSON of a full
 * sample (every field set), a `----------` line, and that of a sparse one (only primitives). The sample must
 * write exactly as the file says (indented as in the file, and compact as the file without its layout), and
 * the file must read back as the sample. A new record needs its file; a changed record changes its file, which
 * is the point. Run with -Dwire.update=true to (re)write the files, then read the diff.
 */
class ApiJsonGoldenTest {
    static final Path DIR = Path.of("src/test/resources/wire");
    private static final String SEPARATOR = "\n----------\n";
    private final ApiJson json = new ApiJson();

    static Stream<Class<?>> records() throws IOException {
        List<Class<?>> all = ApiRecords.all();
        assertTrue(all.size() >= 25, "found the API records: " + all);
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("records")
    void recordMatchesItsGoldenFile(Class<?> type) throws IOException {
        Object full = ApiRecords.sample(type, true, 0);
        Object sparse = ApiRecords.sample(type, false, 0);
        Path file = DIR.resolve(type.getSimpleName() + ".json");
        String written = json.writePretty(full) + SEPARATOR + json.writePretty(sparse) + "\n";
        if (Boolean.getBoolean("wire.update")) {
            Files.writeString(file, written);
        }
        if (!Files.exists(file)) {
            fail("no golden file " + file + " for " + type.getName() + ": run with -Dwire.update=true, review it");
        }
        String golden = Files.readString(file);
        String[] parts = golden.split(SEPARATOR, -1);
        assertEquals(2, parts.length, file + ": the full sample, a ---------- line, the sparse sample");
        assertWire(type, full, parts[0].strip(), file + " (full)");
        assertWire(type, sparse, parts[1].strip(), file + " (sparse)");
    }

    private void assertWire(Class<?> type, Object value, String golden, String what) {
        assertEquals(golden, json.writePretty(value), what + ": indented");
        assertEquals(compact(golden), new String(json.write(value), StandardCharsets.UTF_8), what + ": compact");
        assertEquals(value, json.read(golden.getBytes(StandardCharsets.UTF_8), type), what + ": read back");
        assertEquals(value, json.read(compact(golden), type), what + ": compact read back");
    }

    /** The golden JSON without the whitespace between tokens (strings kept as they are). */
    static String compact(String pretty) {
        StringBuilder out = new StringBuilder(pretty.length());
        boolean inString = false;
        for (int i = 0; i < pretty.length(); i++) {
            char c = pretty.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\') {
                    out.append(pretty.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                out.append(c);
            } else if (!Character.isWhitespace(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
