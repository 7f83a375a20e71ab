package win.pvdify.addon;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import win.pvdify.container.ContainerSpec;
import win.pvdify.container.Limits;
import win.pvdify.container.LogDriver;
import win.pvdify.container.Mount;
import win.pvdify.container.RestartPolicy;
import win.pvdify.container.Security;

/** Builds an add-on's container from the add-on, its password and the runtime's choices. Pure. */
public final class AddonContainers {
    /** Label on add-on containers (never pvdify.app: the dyno supervisors must not see them as dynos). */
    public static final String LABEL = "pvdify.addon";
    /** Memory and pids of every add-on: one database must not starve the host. */
    public static final int MEMORY_MB = 512;
    public static final int PIDS = 1024;
    /** The database user and database name of a postgres add-on. */
    public static final String PG_USER = "pvdify";
    public static final String PG_DB = "pvdify";
    static final String REDIS_ENTRYPOINT = "/usr/local/bin/docker-entrypoint.sh";

    private AddonContainers() {
    }

    /**
     * The container of an add-on: its image with the kind's command (redis: password and append-only file), the
     * named volume on the kind's data dir, the attachments' networks with their fixed addresses, limits, restart
     * on failure, no published port (only the attached apps' networks reach it). envFile: where the runtime keeps
     * the env (tmpfs): the password reaches the container only through it.
     */
    public static AddonContainer of(Addon addon, String password, String logDriver, RestartPolicy restart,
                                    Path envFile) {
        List<String> command = null;
        List<String> entrypoint = null;
        Map<String, String> env = new LinkedHashMap<>();
        switch (addon.kind()) {
            case POSTGRES -> {
                env.put("POSTGRES_PASSWORD", password);
                env.put("POSTGRES_USER", PG_USER);
                env.put("POSTGRES_DB", PG_DB);
            }
            case REDIS -> {
                // The password comes from the environment, never an argument: a unit file or `ps` would show it.
                // The image's own entrypoint still runs (it drops to the redis user); the official image's and
                // the test image's are both /usr/local/bin/docker-entrypoint.sh.
                env.put("REDIS_PASSWORD", password);
                entrypoint = List.of("/bin/sh", "-c");
                command = List.of("exec " + REDIS_ENTRYPOINT + " redis-server --requirepass \"$REDIS_PASSWORD\""
                        + " --appendonly yes");
            }
        }
        TreeMap<String, String> labels = new TreeMap<>(Map.of(LABEL, addon.name(), LABEL + ".kind",
                addon.kind().wire()));
        Map<String, String> networks = new TreeMap<>();
        for (Addon.Attachment a : addon.attachments()) {
            networks.put(a.network(), a.ip());
        }
        ContainerSpec spec = new ContainerSpec(addon.container(), addon.image(), command,
                envFile, labels, List.of(), new Limits(MEMORY_MB, null, PIDS), new Security(true, false),
                List.of(new Mount(Mount.Kind.VOLUME, addon.volume(), addon.kind().dataDir(), false)),
                restart, LogDriver.tagged(logDriver, addon.container()), false, 30, entrypoint, null, false);
        return AddonContainer.of(spec, networks, env);
    }
}
