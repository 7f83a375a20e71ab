package win.pvdify.names;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * App names are DNS labels (they become <app>.<base-domain> and unit names). The one definition of their syntax:
 * dyno names, route ids, env files and log sources all check against it.
 */
public final class AppName {
    /** 2-30 lowercase letters, digits and '-', starting with a letter, not ending with '-' (to embed in patterns). */
    public static final String SYNTAX = "[a-z](?:[a-z0-9-]{0,28}[a-z0-9])";
    private static final Pattern NAME = Pattern.compile(SYNTAX);
    private static final Set<String> RESERVED = Set.of("admin", "api", "www", "pvdify");

    private AppName() {
    }

    /** Why the name is refused, or null when it is fine. */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "app name is required";
        }
        if (!isWellFormed(name)) {
            return "invalid app name '" + Shown.of(name)
                    + "': use 2-30 lowercase letters, digits and '-', starting with a letter, not ending with '-'";
        }
        if (RESERVED.contains(name)) {
            return "the app name '" + name + "' is reserved";
        }
        return null;
    }

    /**
     * Whether the text has an app name's syntax. Reserved names are well-formed: this is for names we made or
     * read back (dynos, routes), where only a new app's name is checked against the reserved list.
     */
    public static boolean isWellFormed(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** Whether the text could be an app name (for paths: unknown-but-valid names are 404, others 404 too). */
    public static boolean isValid(String name) {
        return problem(name) == null;
    }
}
