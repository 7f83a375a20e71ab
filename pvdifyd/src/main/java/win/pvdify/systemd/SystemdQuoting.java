package win.pvdify.systemd;

import java.util.regex.Pattern;

/**
 * Escapes text for unit files so user text stays inert: `%` (specifiers) and `$` (variable expansion) are
 * doubled everywhere; an Exec argument with anything but safe characters is double-quoted with C escapes
 * (backslash, quote, newline, control characters), so spaces, `;` and quotes stay one literal argument.
 */
final class SystemdQuoting {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:=@+,%$-]+");

    private SystemdQuoting() {
    }

    /** One argument of an Exec*= line. */
    static String execArg(String arg) {
        String s = arg.replace("%", "%%").replace("$", "$$");
        if (!s.isEmpty() && SAFE.matcher(s).matches()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** A free-text value such as Description=: one line, specifiers escaped. */
    static String text(String value) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                b.append("%%");
            } else if (c < 0x20 || c == 0x7f || c == '\\') {
                b.append('_');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
