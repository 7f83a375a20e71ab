package win.pvdify.systemd;

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

/** Every src/test/resources/units/*.case is one case; -Dgolden.update=true rewrites the expected parts. */
class UnitRendererGoldenTest {
    static final Path DIR = Path.of("src/test/resources/units");

    static Stream<Path> cases() throws IOException {
        return Files.list(DIR).filter(p -> p.toString().endsWith(".case")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void renders(Path file) throws IOException {
        UnitCase c = UnitCase.read(file);
        String error = c.asserts().stream().filter(a -> a.startsWith("assert-error-contains "))
                .map(a -> a.substring("assert-error-contains ".length())).findFirst().orElse(null);
        if (error != null) {
            var e = assertThrows(IllegalArgumentException.class, () -> UnitRenderer.render(c.spec(), c.settings()));
            assertTrue(e.getMessage().contains(error), e.getMessage());
            return;
        }
        String unit = UnitRenderer.render(c.spec(), c.settings());
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
            } else {
                fail("unknown assertion: " + a);
            }
        }
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(file, c.inputPart() + UnitCase.SEPARATOR + "\n" + unit);
        } else if (c.expected() != null) {
            assertEquals(c.expected(), unit);
        }
    }
}
