package win.pvdify.container;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import win.pvdify.dyno.DynoSpec;
import win.pvdify.podman.PodmanCreateBody;
import win.pvdify.podman.PodmanSupervisor;
import win.pvdify.systemd.SystemdSupervisor;
import win.pvdify.systemd.UnitRenderer;
import win.pvdify.systemd.UnitSettings;

/**
 * One golden case of src/test/resources/containers: `key: value` input lines describing a dyno and the runtime
 * that builds its container (command, env, mounts and podman_args are JSON; other strings may be JSON strings to
 * carry escapes), optional `## assert-...` lines, then a `----------` line, the expected systemd unit, another
 * `----------` line and the expected Podman create body. Both are rendered from ONE ContainerSpec, so the two
 * runtimes are checked against the same model and cannot drift apart unseen.
 *
 * <p>runtime picks whose choices build the model: `systemd` (default; SystemdSupervisor.profile) or `podman`
 * (PodmanSupervisor.profile with restart_tries, default 5, and owner). env is what the env file holds, read by
 * the Podman runtime at create time; it never reaches the unit.
 *
 * <p>Isolation (issue 17; none unless given): env_shim (path), network_prefix, drop_all_caps (true/false),
 * cap_add (JSON list), userns, pids_limit, default_memory_mb; image_entrypoint and image_cmd (JSON lists) are
 * what the image's inspect would say (the env shim execs them).
 */
public record ContainerCase(Path file, DynoSpec dyno, UnitSettings settings, RuntimeProfile runtime,
        Map<String, String> env, String mounts, List<String> asserts, String expectedUnit,
        String expectedBody, java.util.function.Supplier<OneOffSpec> oneOff, ImageCommand image,
        java.util.function.Supplier<DynoIsolation> isolation) {
    public static final Path DIR = Path.of("src/test/resources/containers");
    static final String SEPARATOR = "----------";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static Stream<Path> files() throws IOException {
        return Files.list(DIR).filter(p -> p.toString().endsWith(".case")).sorted();
    }

    public static ContainerCase read(Path file) throws IOException {
        List<String> parts = split(Files.readString(file));
        Map<String, String> kv = new LinkedHashMap<>();
        List<String> asserts = new ArrayList<>();
        for (String line : parts.get(0).split("\n")) {
            if (line.startsWith("## ")) {
                asserts.add(line.substring(3));
            } else if (!line.isBlank() && !line.startsWith("#")) {
                int colon = line.indexOf(':');
                kv.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        List<String> command = kv.containsKey("command")
                ? JSON.readValue(kv.get("command"), new TypeReference<List<String>>() { }) : null;
        DynoSpec dyno = new DynoSpec(
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
        RuntimeProfile runtime = switch (kv.getOrDefault("runtime", "systemd")) {
            case "systemd" -> SystemdSupervisor.profile(settings);
            case "podman" -> PodmanSupervisor.profile(Integer.parseInt(kv.getOrDefault("restart_tries", "5")),
                    settings.stopTimeoutSec(), kv.containsKey("owner") ? str(kv.get("owner")) : null);
            default -> throw new IllegalArgumentException("unknown runtime in " + file);
        };
        java.util.function.Supplier<DynoIsolation> isolation = () -> isolation(kv); // a bad one fails container()
        ImageCommand image = new ImageCommand(list(kv.get("image_entrypoint")), list(kv.get("image_cmd")));
        Map<String, String> env = kv.containsKey("env")
                ? JSON.readValue(kv.get("env"), new TypeReference<Map<String, String>>() { }) : Map.of();
        String mounts = kv.getOrDefault("mounts", "[]");
        // kind: oneoff builds a one-off run (ContainerSpecs.forOneOff) of the same fields instead of a dyno;
        // number is the run's, attached/tty say how a client attaches, deadline is epoch seconds.
        java.util.function.Supplier<OneOffSpec> oneOff = !"oneoff".equals(kv.get("kind")) ? null : () -> new OneOffSpec(dyno.app(), dyno.release(),
                str(kv.getOrDefault("type", "run")), dyno.number(), dyno.image(), dyno.command(), dyno.envFile(),
                dyno.memoryMb(), dyno.cpu(), dyno.readOnly(), Boolean.parseBoolean(kv.getOrDefault("attached", "false")),
                Boolean.parseBoolean(kv.getOrDefault("tty", "false")),
                java.time.Instant.ofEpochSecond(Long.parseLong(kv.getOrDefault("deadline", "1767225600"))));
        return new ContainerCase(file, dyno, settings, runtime, env, mounts, asserts,
                parts.size() > 1 ? parts.get(1) : null, parts.size() > 2 ? parts.get(2) : null, oneOff,
                image, isolation);
    }

    private static DynoIsolation isolation(Map<String, String> kv) {
        if (kv.keySet().stream().noneMatch(k -> List.of("env_shim", "network_prefix", "drop_all_caps", "cap_add",
                "userns", "pids_limit", "default_memory_mb").contains(k))) {
            return DynoIsolation.NONE;
        }
        return new DynoIsolation(kv.containsKey("env_shim") ? Path.of(str(kv.get("env_shim"))) : null,
                kv.containsKey("network_prefix") ? str(kv.get("network_prefix")) : null,
                Boolean.parseBoolean(kv.getOrDefault("drop_all_caps", "false")), list(kv.get("cap_add")),
                kv.containsKey("userns") ? str(kv.get("userns")) : null,
                kv.containsKey("pids_limit") ? Integer.valueOf(kv.get("pids_limit")) : null,
                kv.containsKey("default_memory_mb") ? Integer.valueOf(kv.get("default_memory_mb")) : null);
    }

    private static List<String> list(String json) {
        try {
            return json == null ? List.of() : JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one model both renderers get (mounts are read here, so a refused mount is the case's error). */
    public ContainerSpec container() {
        ContainerSpec c = oneOff != null ? ContainerSpecs.forOneOff(oneOff.get(), runtime.withIsolation(isolation.get()), image)
                : ContainerSpecs.forDyno(dyno, runtime.withIsolation(isolation.get()), image);
        List<Mount> m;
        try {
            m = JSON.readValue(mounts, new TypeReference<List<Mount>>() { });
        } catch (ValueInstantiationException e) {
            throw e.getCause() instanceof IllegalArgumentException bad ? bad : new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m.isEmpty() ? c : c.withMounts(m);
    }

    /**
     * The unit; for a case with `## assert-unit-refused` the renderer's refusal as `! message` (a container
     * that only the Podman API can run, e.g. one with a terminal).
     */
    public String unit() {
        if (asserts.contains("assert-unit-refused")) {
            try {
                UnitRenderer.render(container(), settings);
            } catch (IllegalArgumentException e) {
                return "! " + e.getMessage() + "\n";
            }
            throw new AssertionError("the unit renderer accepted " + file);
        }
        return UnitRenderer.render(container(), settings);
    }

    /** The create body, pretty-printed for people to read (Podman gets the compact form). */
    public String body() {
        try {
            var printer = new DefaultPrettyPrinter()
                    .withSeparators(Separators.createDefaultInstance()
                            .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"));
            return JSON.writer(printer).writeValueAsString(JSON.readTree(PodmanCreateBody.render(container(), env)
                    .json())) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isError() {
        return asserts.stream().anyMatch(a -> a.startsWith("assert-error"));
    }

    String inputPart() throws IOException {
        return split(Files.readString(file)).get(0);
    }

    private static List<String> split(String text) {
        return List.of(text.split("(?<=\n)" + SEPARATOR + "\n", -1));
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
}
