package win.pvdify.addon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import win.pvdify.container.LogDriver;
import win.pvdify.container.RestartPolicy;
import win.pvdify.podman.PodmanAddonBody;

/**
 * Add-on containers as the fallback runtime creates them: one case per file in src/test/resources/addons
 * (`key: value` lines: kind, name, version, image, app, password, attachments as JSON [[app, var, network, ip]],
 * then `----------` and the whole create body of the Podman fallback, `----------` and the whole systemd unit, or
 * `## assert-error-contains TEXT` for bad input, which both runtimes must refuse).
 * -Dgolden.update=true rewrites the expected parts.
 */
class AddonGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/addons");
    private static final String SEP = "----------";
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> cases() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".case")).sorted().toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersAsExpected(String name) throws IOException {
        Path file = DIR.resolve(name);
        String text = Files.readString(file);
        int sep = text.indexOf("\n" + SEP + "\n");
        String input = sep < 0 ? text : text.substring(0, sep + 1);
        Map<String, String> in = new LinkedHashMap<>();
        String error = null;
        for (String line : input.lines().toList()) {
            if (line.startsWith("## assert-error-contains ")) {
                error = line.substring("## assert-error-contains ".length());
            } else if (!line.startsWith("#") && line.contains(": ")) {
                in.put(line.substring(0, line.indexOf(": ")), line.substring(line.indexOf(": ") + 2));
            }
        }
        if (error != null) {
            String expected = error;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> render(in));
            assertTrue(e.getMessage().contains(expected), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> unit(in));
            assertTrue(e.getMessage().contains(expected), e.getMessage());
            return;
        }
        String body = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(render(in)))
                + "\n" + SEP + "\n" + unit(in);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(file, input + SEP + "\n" + body + "\n");
            return;
        }
        assertTrue(sep >= 0, name + " has no expected part (run with -Dgolden.update=true)");
        assertEquals(text.substring(sep + SEP.length() + 2).strip(), body.strip());
    }

    private static String render(Map<String, String> in) throws IOException {
        return PodmanAddonBody.render(container(in, LogDriver.K8S_FILE)).json();
    }

    private static String unit(Map<String, String> in) throws IOException {
        return win.pvdify.systemd.AddonUnitRenderer.render(container(in, LogDriver.JOURNALD),
                win.pvdify.systemd.UnitSettings.defaults());
    }

    private static AddonContainer container(Map<String, String> in, String logDriver) throws IOException {
        List<Addon.Attachment> attachments = new ArrayList<>();
        for (JsonNode a : JSON.readTree(in.getOrDefault("attachments", "[]"))) {
            attachments.add(new Addon.Attachment(a.get(0).asText(), a.get(1).asText(), a.get(2).asText(),
                    a.get(3).asText()));
        }
        Addon addon = new Addon(in.get("name"), AddonKind.fromWire(in.get("kind")).orElseThrow(),
                in.get("version"), in.get("image"), in.get("app"), Instant.EPOCH, attachments);
        return AddonContainers.of(addon, in.get("password"), logDriver,
                RestartPolicy.onFailure(5), Path.of("/run/pvdify/env/" + addon.container() + ".env"));
    }
}
