package win.pvdify.appjson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import win.pvdify.cron.CronJob;
import win.pvdify.cron.CronPolicy;
import win.pvdify.cron.CronSchedule;

/**
 * The parts of an image's app.json that Pvdify reads (Dokku's format): `cron` entries (schedule, command, an
 * optional concurrency_policy and name) and `healthchecks` per process type (startup, liveness and readiness
 * checks; kept whole so the deploy check and liveness probes can use them). Every other top-level key (Heroku's
 * name, env, scripts, ...) is ignored. Inside `cron` and `healthchecks` parsing is strict: a wrong type, an
 * unknown key or a bad value is an {@link Invalid} naming its place (`cron[1].schedule: ...`). Pure.
 *
 * <p>A cron entry without a name gets `app-json-` + 8 hex of a hash of its schedule and command, so the same
 * entry keeps its job (and number, and log name) across deploys.
 */
public record AppJson(List<Cron> cron, Map<String, List<Healthcheck>> healthchecks) {
    public static final int MAX_BYTES = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> CRON_KEYS = Set.of("name", "schedule", "command", "concurrency_policy");
    private static final Set<String> CHECK_KEYS = Set.of("type", "name", "description", "path", "attempts",
            "timeout", "wait", "initialDelay", "content", "port", "uptime", "command", "listening", "scheme", "warn");
    private static final Set<String> CHECK_TYPES = Set.of("startup", "liveness", "readiness");

    /** A cron entry of app.json, valid as a job. */
    public record Cron(String name, String schedule, String command, CronPolicy policy) {
    }

    /**
     * One check of Dokku's healthchecks (null = not given): type startup (the deploy check), liveness or
     * readiness; path for HTTP checks, content the expected body text, waitSec Dokku's `wait` (seconds between
     * attempts),
     * command for command checks (words), uptime the seconds a dyno must stay up.
     */
    public record Healthcheck(String type, String name, String path, Integer attempts, Integer timeout, Integer waitSec,
                              Integer initialDelay, String content, Integer port, Integer uptime,
                              List<String> command) {
    }

    /** An app.json that does not parse or declares something invalid; the message says where. */
    public static final class Invalid extends IllegalArgumentException {
        public Invalid(String message) {
            super("app.json: " + message);
        }
    }

    public static AppJson parse(byte[] bytes, boolean allowSeconds) {
        if (bytes.length > MAX_BYTES) {
            throw new Invalid("larger than " + MAX_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new Invalid("not JSON (" + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                    ? j.getOriginalMessage() : e.getMessage()) + ")");
        }
        if (root == null || !root.isObject()) {
            throw new Invalid("the document must be a JSON object");
        }
        return new AppJson(cron(root.get("cron"), allowSeconds), healthchecks(root.get("healthchecks")));
    }

    private static List<Cron> cron(JsonNode node, boolean allowSeconds) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new Invalid("cron must be an array of {\"schedule\", \"command\"} objects");
        }
        if (node.size() > CronJob.MAX_JOBS) {
            throw new Invalid("cron has " + node.size() + " entries; at most " + CronJob.MAX_JOBS);
        }
        List<Cron> out = new ArrayList<>();
        Map<String, Integer> names = new TreeMap<>();
        for (int i = 0; i < node.size(); i++) {
            String at = "cron[" + i + "]";
            JsonNode e = node.get(i);
            object(e, at, CRON_KEYS);
            String schedule = text(e, at, "schedule", true);
            String command = text(e, at, "command", true);
            String p = CronSchedule.problem(schedule, allowSeconds);
            if (p != null) {
                throw new Invalid(at + "." + p);
            }
            p = CronJob.commandProblem(command);
            if (p != null) {
                throw new Invalid(at + "." + p);
            }
            String policyText = text(e, at, "concurrency_policy", false);
            CronPolicy policy = policyText == null ? CronPolicy.FORBID : CronPolicy.fromWire(policyText)
                    .orElseThrow(() -> new Invalid(at + ".concurrency_policy must be allow, forbid or replace"));
            String name = text(e, at, "name", false);
            if (name == null) {
                name = "app-json-" + hash(schedule.strip() + " " + command.strip());
            } else if (CronJob.nameProblem(name) != null) {
                throw new Invalid(at + "." + CronJob.nameProblem(name));
            }
            Integer before = names.put(name, i);
            if (before != null) {
                throw new Invalid(at + " has the same name (" + name + ") as cron[" + before + "]");
            }
            out.add(new Cron(name, schedule.strip(), command.strip(), policy));
        }
        return List.copyOf(out);
    }

    private static Map<String, List<Healthcheck>> healthchecks(JsonNode node) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new Invalid("healthchecks must be an object: process type -> array of checks");
        }
        Map<String, List<Healthcheck>> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> type = it.next();
            String at = "healthchecks." + type.getKey();
            if (!type.getKey().matches("[a-z][a-z0-9_-]{0,29}")) {
                throw new Invalid("healthchecks has a key that is not a process type: "
                        + win.pvdify.names.Shown.of(type.getKey()));
            }
            if (!type.getValue().isArray() || type.getValue().size() > 20) {
                throw new Invalid(at + " must be an array of at most 20 checks");
            }
            List<Healthcheck> checks = new ArrayList<>();
            for (int i = 0; i < type.getValue().size(); i++) {
                String c = at + "[" + i + "]";
                JsonNode e = type.getValue().get(i);
                object(e, c, CHECK_KEYS);
                String kind = text(e, c, "type", false);
                kind = kind == null ? "startup" : kind;
                if (!CHECK_TYPES.contains(kind)) {
                    throw new Invalid(c + ".type must be startup, liveness or readiness");
                }
                String path = text(e, c, "path", false);
                if (path != null && (!path.startsWith("/") || path.length() > 2048
                        || path.chars().anyMatch(ch -> ch < 0x21 || ch == 0x7f))) {
                    throw new Invalid(c + ".path must start with / and have no spaces or control characters");
                }
                String content = text(e, c, "content", false);
                if (content != null && (content.length() > 1024 || content.chars().anyMatch(ch -> ch < 0x20))) {
                    throw new Invalid(c + ".content must be one line of at most 1024 characters");
                }
                checks.add(new Healthcheck(kind, text(e, c, "name", false), path,
                        number(e, c, "attempts", 1, 100), number(e, c, "timeout", 1, 600),
                        number(e, c, "wait", 0, 600), number(e, c, "initialDelay", 0, 3600), content,
                        number(e, c, "port", 1, 65535), number(e, c, "uptime", 0, 3600), words(e, c)));
            }
            out.put(type.getKey(), List.copyOf(checks));
        }
        return out;
    }

    /** The startup (deploy) check declared for the process type, if any. */
    public Healthcheck startupCheck(String type) {
        return check(type, "startup");
    }

    /** The first check of this kind (startup, liveness, readiness) declared for the process type, or null. */
    public Healthcheck check(String type, String kind) {
        return healthchecks.getOrDefault(type, List.of()).stream().filter(h -> h.type().equals(kind))
                .findFirst().orElse(null);
    }

    /** As stored with the release: normalized JSON of what was read (the keys Pvdify uses). */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode cron = root.putArray("cron");
        for (Cron c : this.cron) {
            cron.addObject().put("name", c.name()).put("schedule", c.schedule()).put("command", c.command())
                    .put("concurrency_policy", c.policy().wire());
        }
        ObjectNode hc = root.putObject("healthchecks");
        healthchecks.forEach((type, checks) -> {
            ArrayNode a = hc.putArray(type);
            for (Healthcheck h : checks) {
                ObjectNode o = a.addObject().put("type", h.type());
                putIf(o, "name", h.name());
                putIf(o, "path", h.path());
                putIf(o, "attempts", h.attempts());
                putIf(o, "timeout", h.timeout());
                putIf(o, "wait", h.waitSec());
                putIf(o, "initialDelay", h.initialDelay());
                putIf(o, "content", h.content());
                putIf(o, "port", h.port());
                putIf(o, "uptime", h.uptime());
                if (h.command() != null) {
                    h.command().forEach(o.putArray("command")::add);
                }
            }
        });
        return root.toString();
    }

    private static void putIf(ObjectNode o, String key, Object value) {
        if (value instanceof String text) {
            o.put(key, text);
        } else if (value instanceof Integer n) {
            o.put(key, n);
        }
    }

    private static void object(JsonNode e, String at, Set<String> keys) {
        if (e == null || !e.isObject()) {
            throw new Invalid(at + " must be an object");
        }
        for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!keys.contains(k)) {
                throw new Invalid(at + " has an unknown key " + win.pvdify.names.Shown.of(k) + " (known: "
                        + String.join(", ", new java.util.TreeSet<>(keys)) + ")");
            }
        }
    }

    private static String text(JsonNode e, String at, String key, boolean required) {
        JsonNode v = e.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                throw new Invalid(at + "." + key + " is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new Invalid(at + "." + key + " must be a string");
        }
        return v.asText();
    }

    private static Integer number(JsonNode e, String at, String key, int min, int max) {
        JsonNode v = e.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
            throw new Invalid(at + "." + key + " must be a whole number from " + min + " to " + max);
        }
        return v.asInt();
    }

    private static List<String> words(JsonNode e, String at) {
        JsonNode v = e.get("command");
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray() || v.size() > 64) {
            throw new Invalid(at + ".command must be an array of at most 64 strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode w : v) {
            if (!w.isTextual() || w.asText().length() > 4096 || w.asText().indexOf('\0') >= 0) {
                throw new Invalid(at + ".command must be an array of strings");
            }
            out.add(w.asText());
        }
        return List.copyOf(out);
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
