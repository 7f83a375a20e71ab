package win.pvdify.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every src/test/resources/kube/*.case renders an app as Kubernetes YAML and compares it with the expected
 * stream; the stream must read back through the typed model into the very objects rendered (so no value broke
 * the YAML). -Dgolden.update=true rewrites the expected parts.
 */
class KubeGoldenTest {

    static Stream<Path> cases() throws IOException {
        return KubeCase.files();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersTheAppAsKubernetesObjects(Path file) throws IOException {
        KubeCase c = KubeCase.read(file);
        String error = c.asserts().stream().filter(a -> a.startsWith("assert-error-contains "))
                .map(a -> a.substring("assert-error-contains ".length())).findFirst().orElse(null);
        if (error != null) {
            var e = assertThrows(IllegalArgumentException.class, () -> KubeManifests.render(c.app()));
            assertTrue(e.getMessage().contains(error), e.getMessage());
            return;
        }
        List<HasMetadata> objects = KubeManifests.render(c.app());
        String yaml = KubeYaml.write(objects);
        assertEquals(objects, KubeYaml.read(yaml), "the YAML reads back into other objects");
        for (String a : c.asserts()) {
            if (a.startsWith("assert-contains ")) {
                String needle = a.substring("assert-contains ".length());
                assertTrue(yaml.contains(needle), "missing [" + needle + "] in\n" + yaml);
            } else if (a.startsWith("assert-not-contains ")) {
                String needle = a.substring("assert-not-contains ".length());
                assertTrue(!yaml.contains(needle), "unexpected [" + needle + "] in\n" + yaml);
            } else if (a.startsWith("assert-kinds ")) {
                assertEquals(a.substring("assert-kinds ".length()),
                        String.join(" ", objects.stream().map(HasMetadata::getKind).toList()));
            } else {
                fail("unknown assertion: " + a);
            }
        }
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(file, c.inputPart() + KubeCase.SEPARATOR + "\n" + yaml);
        } else {
            assertEquals(c.expected(), yaml, "export of " + file);
        }
    }
}
