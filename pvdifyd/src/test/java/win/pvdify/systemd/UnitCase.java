package win.pvdify.systemd;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import win.pvdify.dyno.DynoSpec;

/**
 * One golden case of src/test/resources/units: `key: value` input lines (command is a JSON array, strings may
 * be JSON strings to carry escapes), optional `## assert-...` lines, a `----------` line, the expected unit.
 */
record UnitCase(Path file, DynoSpec spec, UnitSettings settings, List<String> asserts, String expected) {
    static final String SEPARATOR = "----------";
    private static final ObjectMapper JSON = new ObjectMapper();

    static UnitCase read(Path file) throws IOException {
        String text = Files.readString(file);
        int sep = text.indexOf("\n" + SEPARATOR + "\n");
        String input = sep < 0 ? text : text.substring(0, sep + 1);
        String expected = sep < 0 ? null : text.substring(sep + SEPARATOR.length() + 2);
        Map<String, String> kv = new LinkedHashMap<>();
        List<String> asserts = new ArrayList<>();
        for (String line : input.split("\n")) {
            if (line.startsWith("## ")) {
                asserts.add(line.substring(3));
            } else if (!line.isBlank() && !line.startsWith("#")) {
                int colon = line.indexOf(':');
                kv.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        List<String> command = kv.containsKey("command")
                ? JSON.readValue(kv.get("command"), new TypeReference<List<String>>() { }) : null;
        DynoSpec spec = new DynoSpec(
                str(kv.getOrDefault("app", "demo")),
                Integer.parseInt(kv.getOrDefault("release", "1")),
                str(kv.getOrDefault("type", "web")),
                Integer.parseInt(kv.getOrDefault("number", "1")),
                str(kv.getOrDefault("image", "localhost/pvdify-test/web:1")),
                command,
                kv.containsKey("host_port") ? Integer.valueOf(kv.get("host_port")) : null,
                Integer.parseInt(kv.getOrDefault("bind_port", "5000")),
                Path.of(str(kv.getOrDefault("env_file", "/run/pvdify/env/demo.env"))),
                kv.containsKey("memory_mb") ? Integer.valueOf(kv.get("memory_mb")) : null,
                kv.containsKey("cpu") ? Double.valueOf(kv.get("cpu")) : null,
                Boolean.parseBoolean(kv.getOrDefault("read_only", "false")));
        UnitSettings settings = UnitSettings.defaults();
        if (kv.containsKey("restart")) {
            String[] r = kv.get("restart").split(",");
            settings = settings.withRestart(Integer.parseInt(r[0]), Integer.parseInt(r[1]), Integer.parseInt(r[2]));
        }
        if (kv.containsKey("podman_args")) {
            settings = settings.withPodmanArgs(JSON.readValue(kv.get("podman_args"),
                    new TypeReference<List<String>>() { }));
        }
        return new UnitCase(file, spec, settings, asserts, expected);
    }

    /** A value in JSON quotes is a JSON string (to carry \n and friends); anything else is literal. */
    private static String str(String v) {
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            try {
                return JSON.readValue(v, String.class);
            } catch (IOException e) {
                throw new IllegalArgumentException(e);
            }
        }
        return v;
    }

    String inputPart() throws IOException {
        String text = Files.readString(file);
        int sep = text.indexOf("\n" + SEPARATOR + "\n");
        return sep < 0 ? text : text.substring(0, sep + 1);
    }
}
