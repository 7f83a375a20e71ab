package win.pvdify.names;

import java.util.regex.Pattern;

/** Process type names (web, worker, clock...): they end up in unit and container names. */
public final class ProcessType {
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_-]{0,29}");
    public static final int MAX_COUNT = 100;

    private ProcessType() {
    }

    public static String problem(String type) {
        if (type == null || !TYPE.matcher(type).matches()) {
            return "invalid process type '" + Shown.of(type) + "': use up to 30 lowercase letters, digits, '-' and '_'";
        }
        return null;
    }
}
