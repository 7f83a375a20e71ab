package win.pvdify.container;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Hardening of the container's process: no setuid privilege gain, optionally a read-only root file system, the
 * capability set (dropAllCaps: start from none; capAdd: the few added back, e.g. CAP_NET_BIND_SERVICE) and the
 * user namespace (userns "auto": container root is an unprivileged host uid of a range of its own; null = the
 * runtime's default, i.e. container root is host root).
 */
public record Security(boolean noNewPrivileges, boolean readOnlyRootfs, boolean dropAllCaps, List<String> capAdd,
        String userns) {
    private static final Pattern CAP = Pattern.compile("CAP_[A-Z_]{2,30}");
    private static final Pattern USERNS = Pattern.compile("auto(:size=[1-9][0-9]{0,6})?");

    public Security {
        capAdd = capAdd == null ? List.of() : List.copyOf(capAdd);
        for (String c : capAdd) {
            if (!CAP.matcher(c).matches()) {
                throw new IllegalArgumentException("invalid capability: " + c);
            }
        }
        if (userns != null && !USERNS.matcher(userns).matches()) {
            throw new IllegalArgumentException("invalid user namespace mode: " + userns);
        }
    }

    /** Podman's default capabilities and user namespace (what dynos had before the isolation defaults). */
    public Security(boolean noNewPrivileges, boolean readOnlyRootfs) {
        this(noNewPrivileges, readOnlyRootfs, false, List.of(), null);
    }
}
