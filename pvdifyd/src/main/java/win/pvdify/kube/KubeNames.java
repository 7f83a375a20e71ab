package win.pvdify.kube;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Kubernetes names for Pvdify's: process types and job names may hold '_' and end in '-', which object names
 * and label values may not. Each name is made valid, then unique within its app (a suffix -2, -3, ... when two
 * names meet), so no user-chosen name can break or merge objects. Not thread-safe: one per rendering.
 */
final class KubeNames {
    private final Set<String> used = new HashSet<>();

    /** A DNS-1123 label of at most max characters, unique among the names this instance gave. */
    String unique(String wanted, int max) {
        String base = valid(wanted, max);
        String name = base;
        for (int n = 2; !used.add(name); n++) {
            String suffix = "-" + n;
            name = valid(base.substring(0, Math.min(base.length(), max - suffix.length())), max) + suffix;
        }
        return name;
    }

    /** Lowercase, '_' and other characters to '-', trimmed to max, starting and ending with a letter or digit. */
    static String valid(String wanted, int max) {
        String s = wanted.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        if (s.length() > max) {
            s = s.substring(0, max);
        }
        s = s.replaceAll("^-+", "").replaceAll("-+$", "");
        return s.isEmpty() ? "x" : s;
    }
}
