package win.pvdify.names;

import java.util.Set;
import java.util.regex.Pattern;

/** App names are DNS labels (they become <app>.<base-domain> and unit names). */
public final class AppName {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{1,29}");
    private static final Set<String> RESERVED = Set.of("admin", "api", "www", "pvdify");

    private AppName() {
    }

    /** Why the name is refused, or null when it is fine. */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "app name is required";
        }
        if (!NAME.matcher(name).matches() || name.endsWith("-")) {
            return "invalid app name '" + Shown.of(name)
                    + "': use 2-30 lowercase letters, digits and '-', starting with a letter, not ending with '-'";
        }
        if (RESERVED.contains(name)) {
            return "the app name '" + name + "' is reserved";
        }
        return null;
    }

    /** Whether the text could be an app name (for paths: unknown-but-valid names are 404, others 404 too). */
    public static boolean isValid(String name) {
        return problem(name) == null;
    }
}
