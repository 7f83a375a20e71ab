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
        boolean terminal) {

    /** Podman's own rule for container names. */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,252}");
    private static final Pattern LABEL_KEY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

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
        if (terminal && !stdin) {
            throw new IllegalArgumentException("a terminal needs stdin: nothing could type into it");
        }
    }

    /** A container that nobody attaches to (every supervised one). */
    public ContainerSpec(String name, String image, List<String> command, Path envFile, SortedMap<String, String> labels,
                         List<PublishedPort> ports, Limits limits, Security security, List<Mount> mounts,
                         RestartPolicy restart, LogDriver log, boolean init, int stopTimeoutSec) {
        this(name, image, command, envFile, labels, ports, limits, security, mounts, restart, log, init,
                stopTimeoutSec, false, false);
    }

    /** The same container with these mounts (add-ons will attach their volumes this way). */
    public ContainerSpec withMounts(List<Mount> more) {
        return new ContainerSpec(name, image, command, envFile, labels, ports, limits, security, more, restart, log,
                init, stopTimeoutSec, stdin, terminal);
    }

    static boolean hasControl(String s) {
        return s.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }
}
