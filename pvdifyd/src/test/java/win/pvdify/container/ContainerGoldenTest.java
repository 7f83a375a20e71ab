package win.pvdify.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every src/test/resources/containers/*.case renders one container model into a systemd unit AND a Podman
 * create body; bad input must fail in both. -Dgolden.update=true rewrites the expected parts.
 */
class ContainerGoldenTest {

    static Stream<Path> cases() throws IOException {
        return ContainerCase.files();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersTheSameModelForEveryRuntime(Path file) throws IOException {
        ContainerCase c = ContainerCase.read(file);
        String error = c.asserts().stream().filter(a -> a.startsWith("assert-error-contains "))
                .map(a -> a.substring("assert-error-contains ".length())).findFirst().orElse(null);
        String bodyError = c.asserts().stream().filter(a -> a.startsWith("assert-body-error-contains "))
                .map(a -> a.substring("assert-body-error-contains ".length())).findFirst().orElse(null);
        if (bodyError != null) { // bad env file content: only the runtime that reads the file sees it
            var body = assertThrows(IllegalArgumentException.class, c::body);
            assertTrue(body.getMessage().contains(bodyError), body.getMessage());
            return;
        }
        if (error != null) {
            var unit = assertThrows(IllegalArgumentException.class, c::unit);
            assertTrue(unit.getMessage().contains(error), unit.getMessage());
            var body = assertThrows(IllegalArgumentException.class, c::body);
            assertTrue(body.getMessage().contains(error), body.getMessage());
            return;
        }
        String unit = c.unit();
        String body = c.body();
        for (String a : c.asserts()) {
            if (a.startsWith("assert-contains ")) {
                String needle = a.substring("assert-contains ".length());
                assertTrue(unit.contains(needle), "missing [" + needle + "] in\n" + unit);
            } else if (a.startsWith("assert-not-contains ")) {
                String needle = a.substring("assert-not-contains ".length());
                assertTrue(!unit.contains(needle), "unexpected [" + needle + "] in\n" + unit);
            } else if (a.startsWith("assert-key-is ")) {
                String[] p = a.substring("assert-key-is ".length()).split(" ", 3);
                assertTrue(unit.contains("\n" + p[1] + "=" + p[2] + "\n"), a + " in\n" + unit);
            } else if (a.startsWith("assert-body-contains ")) {
                String needle = a.substring("assert-body-contains ".length());
                assertTrue(body.contains(needle), "missing [" + needle + "] in\n" + body);
            } else if (a.startsWith("assert-body-not-contains ")) {
                String needle = a.substring("assert-body-not-contains ".length());
                assertTrue(!body.contains(needle), "unexpected [" + needle + "] in\n" + body);
            } else if (!a.equals("assert-unit-refused")) {
                fail("unknown assertion: " + a);
            }
        }
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(file, c.inputPart() + ContainerCase.SEPARATOR + "\n" + unit
                    + ContainerCase.SEPARATOR + "\n" + body);
        } else {
            assertEquals(c.expectedUnit(), unit, "unit of " + file);
            assertEquals(c.expectedBody(), body, "create body of " + file);
        }
    }
}
