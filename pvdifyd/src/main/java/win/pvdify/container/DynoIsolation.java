package win.pvdify.container;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the daemon's settings decide for every dyno to keep it apart from the host and from other apps
 * (issue 17): the env shim (null = Podman reads the env file, and copies the values into its container config
 * on persistent disk), the prefix of the per-app network (null = Podman's one default bridge), capabilities
 * (drop all, add back capAdd), the user namespace mode, a pids limit and the memory limit of dynos whose app sets
 * none. {@link #NONE} is Podman's defaults, what dynos had before.
 */
public record DynoIsolation(Path envShim, String networkPrefix, boolean dropAllCaps, List<String> capAdd,
        String userns, Integer pidsLimit, Integer defaultMemoryMb) {
    public static final DynoIsolation NONE = new DynoIsolation(null, null, false, List.of(), null, null, null);
    /** Where the env shim and the env file appear inside a dyno (read-only bind mounts). */
    public static final String PVDIFY_DIR = "/.pvdify/";
    public static final String SHIM_TARGET = PVDIFY_DIR + "env-shim";
    public static final String ENV_TARGET = PVDIFY_DIR + "env";
    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9-]{0,20}");

    public DynoIsolation {
        if (envShim != null && (!envShim.isAbsolute() || ContainerSpec.hasControl(envShim.toString())
                || envShim.toString().contains(",") || envShim.toString().contains("\""))) {
            throw new IllegalArgumentException("env shim must be an absolute path: " + envShim);
        }
        if (networkPrefix != null && !PREFIX.matcher(networkPrefix).matches()) {
            throw new IllegalArgumentException("invalid network prefix: " + networkPrefix);
        }
        capAdd = capAdd == null ? List.of() : List.copyOf(capAdd);
        new Security(true, false, dropAllCaps, capAdd, userns); // one validation of caps and userns
        new Limits(defaultMemoryMb, null, pidsLimit);
    }

    /** The app's network name (null when dynos stay on the default network). */
    public String network(String app) {
        return networkPrefix == null ? null : networkPrefix + app;
    }
}
