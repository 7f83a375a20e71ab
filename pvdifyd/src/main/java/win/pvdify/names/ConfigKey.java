package win.pvdify.names;

import java.util.Set;
import java.util.regex.Pattern;

/** Config var names and values: environment-variable names; values any text but NUL. */
public final class ConfigKey {
    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,254}");
    /** Names that would let a config var take over the dynamic loader or the unit's own plumbing. */
    private static final Set<String> RESERVED = Set.of("LD_PRELOAD", "LD_LIBRARY_PATH", "LD_AUDIT",
            "LD_BIND_NOW", "NOTIFY_SOCKET", "LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES");
    public static final int MAX_VALUE_CHARS = 64 * 1024;

    private ConfigKey() {
    }

    public static String keyProblem(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            return "invalid config var name '" + Shown.of(key) + "': use letters, digits and '_', not starting with a digit";
        }
        if (RESERVED.contains(key.toUpperCase(java.util.Locale.ROOT))) {
            return "the config var name " + key + " is reserved";
        }
        return null;
    }

    public static String valueProblem(String key, String value) {
        if (value == null) {
            return null;
        }
        if (value.indexOf('\0') >= 0) {
            return "the value of " + key + " contains a NUL byte";
        }
        if (value.length() > MAX_VALUE_CHARS) {
            return "the value of " + key + " is longer than " + MAX_VALUE_CHARS + " characters";
        }
        return null;
    }
}
