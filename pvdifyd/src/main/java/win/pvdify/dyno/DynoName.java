package win.pvdify.dyno;

import java.util.Optional;
import java.util.regex.Pattern;
import win.pvdify.names.AppName;

/**
 * The name of one dyno of one release: `pvdify-<app>.<type>.<n>.v<release>[.p<port>]` (container) and the same
 * plus `.service` (systemd unit). The release is part of the name so old and new dynos run side by side during
 * a deploy; a web dyno's host port is too, so a rolling restart's stand-in (same release and number, fresh
 * port) runs beside the dyno it replaces. App and type never contain a dot, so `pvdify-api.*` never matches
 * the dynos of `api-2`.
 */
public record DynoName(String app, String type, int number, int release, Integer port) {

    public static final String PREFIX = "pvdify-";
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_-]{0,29}");
    private static final Pattern NAME = Pattern.compile(
            "pvdify-(" + AppName.SYNTAX + ")\\.([a-z][a-z0-9_-]{0,29})\\.([1-9][0-9]{0,5})\\.v([1-9][0-9]{0,8})(?:\\.p([1-9][0-9]{0,4}))?");

    public DynoName {
        if (!AppName.isWellFormed(app)) {
            throw new IllegalArgumentException("invalid app name: " + app);
        }
        if (type == null || !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("invalid process type: " + type);
        }
        if (number < 1 || number > 999_999) {
            throw new IllegalArgumentException("invalid dyno number: " + number);
        }
        if (release < 1 || release > 999_999_999) {
            throw new IllegalArgumentException("invalid release: " + release);
        }
        if (port != null && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("invalid port: " + port);
        }
    }

    /** A dyno without a host port (every non-web type). */
    public DynoName(String app, String type, int number, int release) {
        this(app, type, number, release, null);
    }

    public static DynoName of(DynoSpec spec) {
        return new DynoName(spec.app(), spec.type(), spec.number(), spec.release(), spec.hostPort());
    }

    /** Parses a container name or unit name (with or without `.service`); empty when it is not a dyno's. */
    public static Optional<DynoName> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.startsWith("/") ? name.substring(1) : name;
        if (n.endsWith(".service")) {
            n = n.substring(0, n.length() - ".service".length());
        }
        var m = NAME.matcher(n);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DynoName(m.group(1), m.group(2), Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)), m.group(5) == null ? null : Integer.parseInt(m.group(5))));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // e.g. a port above 65535: not a name we made
        }
    }

    public static boolean isValidApp(String app) {
        return AppName.isWellFormed(app);
    }

    /** The glob systemctl/journalctl use for every unit of the app (or of one type when type is not null). */
    public static String unitGlob(String app, String type) {
        if (!isValidApp(app) || (type != null && !TYPE.matcher(type).matches())) {
            throw new IllegalArgumentException("invalid app or process type: " + app + " " + type);
        }
        return PREFIX + app + "." + (type == null ? "" : type + ".") + "*";
    }

    public String container() {
        return PREFIX + app + "." + type + "." + number + ".v" + release + (port == null ? "" : ".p" + port);
    }

    public String unit() {
        return container() + ".service";
    }

    /** "web.1", as Heroku users see it. */
    public String dyno() {
        return type + "." + number;
    }
}
