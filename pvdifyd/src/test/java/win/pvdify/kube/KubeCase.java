package win.pvdify.kube;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import win.pvdify.api.FormationEntry;
import win.pvdify.api.Healthcheck;
import win.pvdify.api.Resources;
import win.pvdify.container.DynoIsolation;
import win.pvdify.cron.CronJob;
import win.pvdify.cron.CronPolicy;
import win.pvdify.engine.DesiredApp;
import win.pvdify.engine.RegistryLogins;

/**
 * One golden case of src/test/resources/kube: `key: value` input lines describing an app's current release as the
 * store holds it (formation, healthcheck, hosts, config, cron, registry, addons and the isolation keys are JSON), optional
 * `## assert-...` lines, a `----------` line, then the whole expected export.
 */
record KubeCase(Path file, Map<String, String> input, List<String> asserts, String expected) {
    static final Path DIR = Path.of("src/test/resources/kube");
    static final String SEPARATOR = "----------";
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> files() throws IOException {
        return Files.list(DIR).filter(p -> p.toString().endsWith(".case")).sorted();
    }

    static KubeCase read(Path file) throws IOException {
        String text = Files.readString(file);
        int sep = text.indexOf("\n" + SEPARATOR + "\n");
        String head = sep < 0 ? text : text.substring(0, sep + 1);
        Map<String, String> kv = new LinkedHashMap<>();
        List<String> asserts = new ArrayList<>();
        for (String line : head.split("\n")) {
            if (line.startsWith("## ")) {
                asserts.add(line.substring(3));
            } else if (!line.isBlank() && !line.startsWith("#")) {
                int colon = line.indexOf(':');
                kv.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        return new KubeCase(file, kv, asserts, sep < 0 ? null : text.substring(sep + SEPARATOR.length() + 2));
    }

    String inputPart() throws IOException {
        String text = Files.readString(file);
        int sep = text.indexOf("\n" + SEPARATOR + "\n");
        return sep < 0 ? (text.endsWith("\n") ? text : text + "\n") : text.substring(0, sep + 1);
    }

    KubeApp app() throws IOException {
        String app = kv("app", "demo");
        List<FormationEntry> formation = new ArrayList<>();
        for (JsonNode f : JSON.readTree(kv("formation", "[{\"type\":\"web\",\"count\":1}]"))) {
            formation.add(new FormationEntry(f.path("type").asText(), f.path("count").asInt(1),
                    f.hasNonNull("command") ? f.get("command").asText() : null));
        }
        JsonNode h = JSON.readTree(kv("healthcheck", "{}"));
        Healthcheck check = new Healthcheck(text(h, "path"), integer(h, "interval"), integer(h, "timeout"),
                integer(h, "retries"), null, null, text(h, "host"), integer(h, "initial_delay"),
                integer(h, "deploy_timeout"), h.has("liveness") ? h.get("liveness").asBoolean() : null,
                integer(h, "liveness_interval"), integer(h, "liveness_threshold"), null, null);
        Map<String, String> env = new TreeMap<>(JSON.readValue(kv("config", "{}"),
                new TypeReference<Map<String, String>>() { }));
        int bindPort = Integer.parseInt(kv("bind_port", "5000"));
        env.put("PORT", Integer.toString(bindPort));
        List<String> hosts = JSON.readValue(kv("hosts", "[\"" + app + ".pvdify.localhost\"]"),
                new TypeReference<List<String>>() { });
        Resources resources = input.containsKey("memory_mb") || input.containsKey("cpu")
                ? new Resources(input.containsKey("memory_mb") ? Integer.valueOf(input.get("memory_mb")) : null,
                input.containsKey("cpu") ? Double.valueOf(input.get("cpu")) : null) : null;
        DesiredApp desired = new DesiredApp(app, Integer.valueOf(kv("release", "3")),
                kv("image", "localhost/pvdify-test/web:1"), env, formation, bindPort, resources, check,
                Boolean.parseBoolean(kv("read_only", "false")), hosts);
        List<CronJob> jobs = new ArrayList<>();
        int n = 1;
        for (JsonNode j : JSON.readTree(kv("cron", "[]"))) {
            jobs.add(new CronJob(app, n++, j.path("name").asText(), j.path("schedule").asText(),
                    j.path("command").asText(), CronPolicy.fromWire(j.path("policy").asText("forbid")).orElseThrow(),
                    CronJob.Source.CLI));
        }
        JsonNode r = input.containsKey("registry") ? JSON.readTree(input.get("registry")) : null;
        RegistryLogins.Login login = r == null ? null : new RegistryLogins.Login(r.path("registry").asText(),
                r.path("username").asText(), r.path("password").asText());
        DynoIsolation iso = new DynoIsolation(null, null, Boolean.parseBoolean(kv("drop_all_caps", "false")),
                JSON.readValue(kv("cap_add", "[]"), new TypeReference<List<String>>() { }), null, null,
                input.containsKey("default_memory_mb") ? Integer.valueOf(input.get("default_memory_mb")) : null);
        KubeOptions options = new KubeOptions(Boolean.parseBoolean(kv("include_secrets", "false")),
                input.get("cert_issuer"));
        List<KubeApp.AddonService> addons = new ArrayList<>();
        for (JsonNode a : JSON.readTree(kv("addons", "[]"))) {
            List<win.pvdify.addon.Addon.Attachment> attached = new ArrayList<>();
            for (JsonNode at : a.path("attachments")) {
                attached.add(new win.pvdify.addon.Addon.Attachment(at.path("app").asText(), at.path("var").asText(),
                        "pvdify-" + at.path("app").asText(), "10.213.4.254"));
            }
            addons.add(new KubeApp.AddonService(new win.pvdify.addon.Addon(a.path("name").asText(),
                    win.pvdify.addon.AddonKind.fromWire(a.path("kind").asText()).orElseThrow(),
                    a.path("version").asText(), a.path("image").asText(), a.path("app").asText(),
                    java.time.Instant.EPOCH, attached), text(a, "password")));
        }
        return KubeApps.of(desired, input.get("digest"), jobs, login, iso, options, addons, input.get("release_command"));
    }

    private String kv(String key, String fallback) {
        return input.getOrDefault(key, fallback);
    }

    private static String text(JsonNode n, String key) {
        return n.hasNonNull(key) ? n.get(key).asText() : null;
    }

    private static Integer integer(JsonNode n, String key) {
        return n.hasNonNull(key) ? n.get(key).asInt() : null;
    }
}
