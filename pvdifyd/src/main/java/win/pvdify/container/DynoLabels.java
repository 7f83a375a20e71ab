package win.pvdify.container;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import win.pvdify.dyno.DynoName;
import win.pvdify.dyno.DynoSpec;

/**
 * The pvdify.* labels that say which dyno a container is, written by {@link ContainerSpecs#forDyno} and read
 * back by every place that lists or inspects containers. Identity comes from these labels, not from parsing
 * container names: a name is only unique, the labels are the record of what the container is.
 */
public final class DynoLabels {
    public static final String APP = "pvdify.app";
    public static final String RELEASE = "pvdify.release";
    public static final String TYPE = "pvdify.type";
    public static final String DYNO = "pvdify.dyno";
    /** The host port of a web dyno (absent for other types). */
    public static final String PORT = "pvdify.port";
    /** The tmpfs env file the container reads (shared by a release's dynos; removed with its last dyno). */
    public static final String ENV_FILE = "pvdify.envfile";
    /** Names the daemon (its data dir) that made a dyno, where several daemons share one Podman service. */
    public static final String OWNER = "pvdify.owner";

    /** Marks a one-off run (attached or detached): not a dyno of the formation, never revived or reconciled. */
    public static final String ONE_OFF = "pvdify.oneoff";
    /** When pvdifyd stops a one-off run (epoch seconds), also after a restart of pvdifyd. */
    public static final String DEADLINE = "pvdify.deadline";
    public static final String ATTACHED = "attached";
    public static final String DETACHED = "detached";

    private DynoLabels() {
    }

    /** owner null = no owner label (systemd units are owned by their unit directory instead). */
    static SortedMap<String, String> of(DynoSpec spec, Path envFile, String owner) {
        SortedMap<String, String> labels = identityLabels(DynoName.of(spec));
        if (envFile != null) {
            labels.put(ENV_FILE, envFile.toString());
        }
        if (owner != null) {
            labels.put(OWNER, owner);
        }
        return labels;
    }

    static SortedMap<String, String> ofOneOff(OneOffSpec run, String owner) {
        SortedMap<String, String> labels = identityLabels(run.name());
        labels.put(ONE_OFF, run.attached() ? ATTACHED : DETACHED);
        labels.put(DEADLINE, Long.toString(run.deadline().getEpochSecond()));
        if (run.envFile() != null) {
            labels.put(ENV_FILE, run.envFile().toString());
        }
        if (owner != null) {
            labels.put(OWNER, owner);
        }
        return labels;
    }

    /** Whether the container is a one-off run rather than a dyno of the formation. */
    public static boolean isOneOff(Map<String, String> labels) {
        return labels != null && labels.containsKey(ONE_OFF);
    }

    /** A one-off run's deadline from its labels (empty when it has none or it does not parse). */
    public static Optional<java.time.Instant> deadline(Map<String, String> labels) {
        try {
            return Optional.ofNullable(labels == null ? null : labels.get(DEADLINE))
                    .map(v -> java.time.Instant.ofEpochSecond(Long.parseLong(v)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The labels that {@link #identity} reads back as this dyno. */
    public static SortedMap<String, String> identityLabels(DynoName name) {
        SortedMap<String, String> labels = new TreeMap<>();
        labels.put(APP, name.app());
        labels.put(RELEASE, Integer.toString(name.release()));
        labels.put(TYPE, name.type());
        labels.put(DYNO, name.dyno());
        if (name.port() != null) {
            labels.put(PORT, name.port().toString());
        }
        return labels;
    }

    /** The dyno a container with these labels is; empty when they are not a complete, valid dyno identity. */
    public static Optional<DynoName> identity(Map<String, String> labels) {
        if (labels == null) {
            return Optional.empty();
        }
        String app = labels.get(APP);
        String type = labels.get(TYPE);
        String dyno = labels.get(DYNO);
        String release = labels.get(RELEASE);
        String port = labels.get(PORT);
        if (app == null || type == null || dyno == null || release == null || !dyno.startsWith(type + ".")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DynoName(app, type, Integer.parseInt(dyno.substring(type.length() + 1)),
                    Integer.parseInt(release), port == null ? null : Integer.valueOf(port)));
        } catch (IllegalArgumentException e) { // NumberFormatException included
            return Optional.empty();
        }
    }

    /** The env file a container reads, from its labels (null when it has none). */
    public static Path envFile(Map<String, String> labels) {
        String v = labels == null ? null : labels.get(ENV_FILE);
        return v == null || v.isEmpty() ? null : Path.of(v);
    }
}
