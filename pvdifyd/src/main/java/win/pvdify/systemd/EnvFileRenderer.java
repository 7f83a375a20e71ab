package win.pvdify.systemd;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The env file `podman run --env-file` reads: one KEY=VALUE per line, the value taken verbatim up to the end
 * of the line (quotes, `$`, `#`, spaces and backslashes arrive byte-identical in the container). The format
 * cannot carry a line break (podman reads line by line and drops a trailing CR), nor NUL: such values are
 * refused; the API should reject them with 422 using {@link #problem}. Pure.
 */
public final class EnvFileRenderer {
    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** podman reads lines with a 64 KiB scanner buffer. */
    public static final int MAX_LINE = 60 * 1024;

    private EnvFileRenderer() {
    }

    /** Why this pair cannot go into an env file, or empty when it can. */
    public static Optional<String> problem(String key, String value) {
        if (key == null || !KEY.matcher(key).matches()) {
            return Optional.of("invalid config var name '" + key + "': use letters, digits and _, not starting"
                    + " with a digit");
        }
        if (value == null) {
            return Optional.of("config var " + key + " has no value");
        }
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            return Optional.of("config var " + key + " contains a line break, which containers' env files"
                    + " cannot carry");
        }
        if (value.indexOf('\0') >= 0) {
            return Optional.of("config var " + key + " contains a NUL character");
        }
        if (key.length() + 1 + value.length() > MAX_LINE) {
            return Optional.of("config var " + key + " is longer than " + MAX_LINE + " characters");
        }
        return Optional.empty();
    }

    /** Sorted by key so the output is deterministic. Throws IllegalArgumentException for a bad pair. */
    public static String render(Map<String, String> env) {
        StringBuilder b = new StringBuilder();
        for (var e : new TreeMap<>(env).entrySet()) {
            var p = problem(e.getKey(), e.getValue());
            if (p.isPresent()) {
                throw new IllegalArgumentException(p.get());
            }
            b.append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
        return b.toString();
    }

    /** Reads an env file back as podman would (used by the Podman-API supervisor, which gets no file). */
    public static Map<String, String> parse(String text) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : text.split("\n", -1)) {
            String data = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            data = data.stripLeading();
            if (data.isEmpty() || data.startsWith("#")) {
                continue;
            }
            int eq = data.indexOf('=');
            if (eq > 0) {
                env.put(data.substring(0, eq), data.substring(eq + 1));
            }
        }
        return env;
    }
}
