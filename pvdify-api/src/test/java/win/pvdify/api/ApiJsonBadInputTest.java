package win.pvdify.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input, one golden case per file in src/test/resources/wire/bad: `type: RECORD` (or `map` for a config
 * body, `list:RECORD`), the JSON, a `----------` line and the expected error: the whole message of a wrong value
 * at a field ("bind_port must be an integer, got a string"), or `malformed: PREFIX` (the start of the message, may be empty) for a document that is not
 * JSON or not of the expected shape as a whole. Nothing else may come out of ApiJson.read.
 */
class ApiJsonBadInputTest {
    private static final Path DIR = ApiJsonGoldenTest.DIR.resolve("bad");
    private final ApiJson json = new ApiJson();

    static Stream<Path> cases() throws IOException {
        List<Path> all;
        try (Stream<Path> files = Files.list(DIR)) {
            all = files.filter(p -> p.toString().endsWith(".case")).sorted().toList();
        }
        assertTrue(all.size() > 20, "cases in " + DIR);
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void badInputIsABadJsonNamingTheField(Path file) throws IOException {
        String[] parts = Files.readString(file).split("\n----------\n", -1);
        assertEquals(2, parts.length, file + ": input, a ---------- line, the expected error");
        String type = null;
        List<String> input = new ArrayList<>();
        for (String line : parts[0].split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("type: ")) {
                type = line.substring(6).strip();
            } else {
                input.add(line);
            }
        }
        assertNotNull(type, file + ": a type: line");
        byte[] body = String.join("\n", input).getBytes(StandardCharsets.UTF_8);
        String expected = parts[1].strip();
        Type target = typeOf(type);
        BadJson e = assertThrows(BadJson.class, () -> json.read(body, target), file.toString());
        if (expected.startsWith("malformed:")) {
            assertNull(e.field(), file + ": no field for " + e.getMessage());
            assertTrue(e.getMessage().startsWith(expected.substring("malformed:".length()).strip()),
                    file + ": " + e.getMessage());
        } else {
            assertEquals(expected, e.getMessage(), file.toString());
            assertNotNull(e.field(), file.toString());
            assertTrue(expected.startsWith(e.field() + " "), file + ": field " + e.field());
        }
    }

    private static Type typeOf(String name) {
        if (name.equals("map")) {
            return ApiJson.mapOf(String.class);
        }
        if (name.startsWith("list:")) {
            return ApiJson.listOf(typeOf(name.substring(5)));
        }
        try {
            return Class.forName("win.pvdify.api." + name);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("no API record " + name, e);
        }
    }
}
