package win.pvdify.container;

import java.util.regex.Pattern;

/**
 * A volume or bind mount. Dynos have none yet; add-ons (PostgreSQL, Redis data) will. source is a volume name
 * or an absolute host path; target an absolute path in the container. Commas and quotes are refused because
 * `--mount` is a comma-separated list, and nothing here needs them.
 */
public record Mount(Kind kind, String source, String target, boolean readOnly) {
    public enum Kind { VOLUME, BIND }

    private static final Pattern VOLUME_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}");

    public Mount {
        if (kind == null) {
            throw new IllegalArgumentException("mount kind must be given");
        }
        if (kind == Kind.VOLUME ? source == null || !VOLUME_NAME.matcher(source).matches() : !isPath(source)) {
            throw new IllegalArgumentException("invalid mount source: " + source);
        }
        if (!isPath(target)) {
            throw new IllegalArgumentException("invalid mount target: " + target);
        }
    }

    private static boolean isPath(String p) {
        return p != null && p.startsWith("/") && p.indexOf(',') < 0 && p.indexOf('"') < 0
                && !ContainerSpec.hasControl(p);
    }
}
