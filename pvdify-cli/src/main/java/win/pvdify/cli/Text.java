package win.pvdify.cli;

/** Makes text from the server or the user safe to print in one terminal cell or line. */
final class Text {
    private Text() {
    }

    /** Control characters (newline, ESC, ...) become visible escapes, so a value cannot move the cursor. */
    static String clean(String s) {
        return clean(s, false);
    }

    /** As clean(), keeping tabs (log lines use them for layout). */
    static String clean(String s, boolean keepTabs) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> keepTabs ? null : "\\t";
                default -> (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) ? String.format("\\u%04x", (int) c)
                        : null;
            };
            if (rep != null && b == null) {
                b = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (b != null) {
                if (rep != null) {
                    b.append(rep);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }

    /** clean() and cut to max characters (huge arguments in error messages). */
    static String brief(String s, int max) {
        String c = clean(s);
        return c.length() <= max ? c : c.substring(0, max) + "...(" + c.length() + " chars)";
    }
}
