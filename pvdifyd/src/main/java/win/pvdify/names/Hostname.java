package win.pvdify.names;

import java.util.Locale;
import java.util.regex.Pattern;

/** DNS hostnames for custom domains (lowercased; at least two labels; no wildcards, no IP addresses). */
public final class Hostname {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private Hostname() {
    }

    public static String normalize(String host) {
        if (host == null) {
            return null;
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /** Why the (normalized) hostname is refused, or null. */
    public static String problem(String host) {
        if (host == null || host.isEmpty()) {
            return "hostname is required";
        }
        String bad = "invalid hostname '" + Shown.of(host) + "'";
        if (host.length() > 253) {
            return bad + ": longer than 253 characters";
        }
        String[] labels = host.split("\\.", -1);
        if (labels.length < 2) {
            return bad + ": a domain needs at least two labels (example.com)";
        }
        for (String l : labels) {
            if (!LABEL.matcher(l).matches()) {
                return bad + ": labels are 1-63 letters, digits and '-', not starting or ending with '-'";
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            return bad + ": IP addresses are not domains";
        }
        return null;
    }

    /** host[:port] of an image registry. */
    public static String registryProblem(String registry) {
        if (registry == null || registry.isEmpty()) {
            return "registry is required (host or host:port)";
        }
        String host = registry;
        int colon = registry.lastIndexOf(':');
        if (colon > 0) {
            String port = registry.substring(colon + 1);
            host = registry.substring(0, colon);
            if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                return "invalid registry '" + Shown.of(registry) + "': bad port";
            }
        }
        if (host.equals("localhost")) {
            return null;
        }
        String p = problem(host);
        return p == null ? null : "invalid registry '" + Shown.of(registry) + "': use host or host:port";
    }
}
