package win.pvdify.container;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A container to run, whatever runs it: the one model every runtime renders (a systemd unit running
 * `podman run`, a Podman create body, later a Kubernetes manifest). Dynos are built by {@link ContainerSpecs};
 * one-off dynos, cron runs, add-ons and builds will be further builders of this same record.
 *
 * <p>command null = the image's own command. envFile is a path only (tmpfs, mode 0600): values are never part of
 * the model, so no renderer can put them into a unit by accident (null = no env file). labels are sorted so every
 * rendering is deterministic. This constructor is the one validation point for all renderers: what it accepts,
 * each renderer must be able to make inert.
 *
 * <p>stdin keeps the container's standard input open for an attached client, terminal gives it a pseudo-terminal
 * (one-off dynos, `pvdify run`); both false for every supervised container.
 *
 * <p>entrypoint null = the image's own. network null = Podman's default network; otherwise the one network the
 * container joins (an app's own, see DynoIsolation); such a network is IPv4 only and IPv6 is switched off in the
 * container ({@link #IPV6_OFF}): its link-local address would reach the host past the IPv4 firewall rules. envFileMounted: the env file reaches the container as a
 * read-only bind mount (one of mounts) read by the env shim at start, so runtimes must NOT hand it to Podman
 * (Podman would copy every value into its container config on persistent disk).
 */
public record ContainerSpec(
        String name,
        String image,
        List<String> command,
        Path envFile,
        SortedMap<String, String> labels,
        List<PublishedPort> ports,
        Limits limits,
        Security security,
        List<Mount> mounts,
        RestartPolicy restart,
        LogDriver log,
        boolean init,
        int stopTimeoutSec,
        boolean stdin,
        boolean terminal,
        List<String> entrypoint,
        String network,
        boolean envFileMounted) {

    /** Podman's own rule for container names. */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,252}");
    private static final Pattern LABEL_KEY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    /** The sysctl that switches IPv6 off in a container on an app network. */
    public static final String IPV6_OFF = "net.ipv6.conf.all.disable_ipv6";
    private static final Pattern NETWORK = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}");

    public ContainerSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid container name: " + name);
        }
        // One syntax for every image check (no leading '-' that podman would read as an option, no spaces).
        if (!win.pvdify.names.ImageReference.isValid(image)) {
            throw new IllegalArgumentException("invalid image reference: " + image);
        }
        if (command != null) {
            for (String arg : command) {
                if (arg == null || arg.indexOf('\0') >= 0) {
                    throw new IllegalArgumentException("invalid command argument: a command argument cannot be"
                            + " null or contain NUL");
                }
            }
            // [] and null mean the same to Podman (the image's command): one spelling, one rendering.
            command = command.isEmpty() ? null : List.copyOf(command);
        }
        if (envFile != null && (!envFile.isAbsolute() || hasControl(envFile.toString()))) {
            throw new IllegalArgumentException("env file must be an absolute path: " + envFile);
        }
        TreeMap<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> l : labels.entrySet()) {
            if (!LABEL_KEY.matcher(l.getKey()).matches() || l.getValue() == null || hasControl(l.getValue())) {
                throw new IllegalArgumentException("invalid label: " + l.getKey());
            }
            sorted.put(l.getKey(), l.getValue());
        }
        labels = Collections.unmodifiableSortedMap(sorted);
        ports = List.copyOf(ports);
        mounts = List.copyOf(mounts);
        if (limits == null || security == null || restart == null || log == null) {
            throw new IllegalArgumentException("limits, security, restart and log must be given");
        }
        if (stopTimeoutSec < 1 || stopTimeoutSec > 3600) {
            throw new IllegalArgumentException("invalid stop timeout: " + stopTimeoutSec);
        }
        if (entrypoint != null) {
            for (String arg : entrypoint) {
                if (arg == null || arg.indexOf('\0') >= 0) {
                    throw new IllegalArgumentException("invalid entrypoint argument: an argument cannot be null or"
                            + " contain NUL");
                }
            }
            entrypoint = entrypoint.isEmpty() ? null : List.copyOf(entrypoint);
        }
        if (network != null && !NETWORK.matcher(network).matches()) {
            throw new IllegalArgumentException("invalid network name: " + network);
        }
        if (envFileMounted && (envFile == null || mounts.stream().noneMatch(m -> m.kind() == Mount.Kind.BIND
                && m.source().equals(envFile.toString()) && m.readOnly()))) {
            throw new IllegalArgumentException("a mounted env file must be one of the read-only bind mounts");
        }
        if (terminal && !stdin) {
            throw new IllegalArgumentException("a terminal needs stdin: nothing could type into it");
        }
    }

    /** A container that nobody attaches to, with this isolation (every supervised one). */
    public ContainerSpec(String name, String image, List<String> command, Path envFile, SortedMap<String, String> labels,
                         List<PublishedPort> ports, Limits limits, Security security, List<Mount> mounts,
                         RestartPolicy restart, LogDriver log, boolean init, int stopTimeoutSec,
                         List<String> entrypoint, String network, boolean envFileMounted) {
        this(name, image, command, envFile, labels, ports, limits, security, mounts, restart, log, init,
                stopTimeoutSec, false, false, entrypoint, network, envFileMounted);
    }

    /** An attached (stdin, terminal) or plain container, without isolation. */
    public ContainerSpec(String name, String image, List<String> command, Path envFile, SortedMap<String, String> labels,
                         List<PublishedPort> ports, Limits limits, Security security, List<Mount> mounts,
                         RestartPolicy restart, LogDriver log, boolean init, int stopTimeoutSec, boolean stdin,
                         boolean terminal) {
        this(name, image, command, envFile, labels, ports, limits, security, mounts, restart, log, init,
                stopTimeoutSec, stdin, terminal, null, null, false);
    }

    /** The model before issue 17: image entrypoint, default network, env file handed to Podman. */
    public ContainerSpec(String name, String image, List<String> command, Path envFile,
            SortedMap<String, String> labels, List<PublishedPort> ports, Limits limits, Security security,
            List<Mount> mounts, RestartPolicy restart, LogDriver log, boolean init, int stopTimeoutSec) {
        this(name, image, command, envFile, labels, ports, limits, security, mounts, restart, log, init,
                stopTimeoutSec, false, false, null, null, false);
    }

    /**
     * The same container with these mounts (add-ons will attach their volumes this way); the env shim's own
     * mounts (targets under /.pvdify/) are kept.
     */
    public ContainerSpec withMounts(List<Mount> more) {
        List<Mount> all = new java.util.ArrayList<>(mounts.stream()
                .filter(m -> m.target().startsWith(DynoIsolation.PVDIFY_DIR)).toList());
        all.addAll(more);
        return new ContainerSpec(name, image, command, envFile, labels, ports, limits, security, all, restart, log,
                init, stopTimeoutSec, stdin, terminal, entrypoint, network, envFileMounted);
    }

    static boolean hasControl(String s) {
        return s.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }
}
