package win.pvdify.addon;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One add-on as stored: its kind, version (the image tag), the image it runs, the app it was created for and the
 * apps it is attached to. The password is not part of it (read on purpose through AddonQueries.password).
 */
public record Addon(String name, AddonKind kind, String version, String image, String app, Instant createdAt,
                    List<Attachment> attachments) {
    /** A DNS label, as app names; container, volume and unit names are made from it. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,28}[a-z0-9]");
    private static final Pattern VAR = Pattern.compile("[A-Z][A-Z0-9_]{0,62}");
    /** Name prefix of add-on containers and volumes: apart from dynos (pvdify-APP-...). */
    public static final String PREFIX = "pvdify-addon-";

    /** An app using the add-on: the config var holding the URL, and the add-on's address on its network. */
    public record Attachment(String app, String var, String network, String ip) {
    }

    public Addon {
        String problem = nameProblem(name);
        if (problem != null) {
            throw new IllegalArgumentException("invalid add-on name: " + problem);
        }
        attachments = List.copyOf(attachments);
    }

    public String container() {
        return PREFIX + name;
    }

    public String volume() {
        return PREFIX + name + "-data";
    }

    /** Why this is not an add-on name (null = fine). */
    public static String nameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "an add-on name is required";
        }
        if (name.length() > 30) {
            return "an add-on name has at most 30 characters";
        }
        if (!NAME.matcher(name).matches()) {
            return "an add-on name is a DNS label: lower-case letters, digits and '-', starting with a letter and"
                    + " not ending with '-'";
        }
        return null;
    }

    /** Why this is not a config var an attachment may set (null = fine). */
    public static String varProblem(String var) {
        if (var == null || !VAR.matcher(var).matches() || !var.endsWith("_URL")) {
            return "the config var must be upper-case letters, digits and '_', ending in _URL (e.g. DATABASE_URL)";
        }
        return null;
    }
}
