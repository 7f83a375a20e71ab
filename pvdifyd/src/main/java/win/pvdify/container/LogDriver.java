package win.pvdify.container;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where the container's output goes, chosen by the runtime: journald under systemd (journalctl and the unit's
 * journal see it), k8s-file for the Podman-API fallback, where journald may not run and PodmanLogSource reads
 * the lines back through the Podman logs API. tag (null = none) is journald's SYSLOG_IDENTIFIER; conmon refuses
 * it for every other driver ("k8s-file doesn't support --log-tag", seen with Podman 4.3.1), so only journald may
 * carry one. It is refused unless plain: Podman expands Go templates (`{{...}}`) in it.
 */
public record LogDriver(String driver, String tag) {
    private static final Set<String> DRIVERS = Set.of("journald", "k8s-file", "json-file", "none", "passthrough");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    public static final String JOURNALD = "journald";
    public static final String K8S_FILE = "k8s-file";

    public LogDriver {
        if (driver == null || !DRIVERS.contains(driver)) {
            throw new IllegalArgumentException("invalid log driver: " + driver);
        }
        if (tag != null && (!TAG.matcher(tag).matches() || !driver.equals(JOURNALD))) {
            throw new IllegalArgumentException("invalid log tag for " + driver + ": " + tag);
        }
    }

    /** The driver with the tag where the driver can carry one (journald), without it elsewhere. */
    public static LogDriver tagged(String driver, String tag) {
        return new LogDriver(driver, JOURNALD.equals(driver) ? tag : null);
    }
}
