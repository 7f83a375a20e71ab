package win.pvdify.api;

import java.util.Arrays;

/**
 * Compact JSON laid out for people, exactly as Jackson's default pretty printer does (what `--json` has always
 * printed): objects one field a line, indented two spaces per enclosing object, {@code "key" : value}; lists
 * on one line ({@code [ "a", "b" ]}, objects in them opening on the same line); {@code { }} and {@code [ ]}
 * when empty. Whitespace inside strings is kept; the input must be compact (no whitespace between tokens).
 */
final class JsonIndent {
    private JsonIndent() {
    }

    static String indent(String compact) {
        StringBuilder out = new StringBuilder(compact.length() * 2);
        // open containers, innermost last: true = object
        boolean[] objects = new boolean[16];
        int open = 0;
        int level = 0;
        for (int i = 0; i < compact.length(); i++) {
            char c = compact.charAt(i);
            switch (c) {
                case '"' -> i = copyString(compact, i, out);
                case '{', '[' -> {
                    char close = c == '{' ? '}' : ']';
                    if (i + 1 < compact.length() && compact.charAt(i + 1) == close) {
                        out.append(c).append(' ').append(close);
                        i++;
                        continue;
                    }
                    if (open == objects.length) {
                        objects = Arrays.copyOf(objects, open * 2);
                    }
                    objects[open++] = c == '{';
                    out.append(c);
                    if (c == '{') {
                        newline(out, ++level);
                    } else {
                        out.append(' ');
                    }
                }
                case '}' -> {
                    open--;
                    newline(out, --level);
                    out.append('}');
                }
                case ']' -> {
                    open--;
                    out.append(" ]");
                }
                case ',' -> {
                    out.append(',');
                    if (objects[open - 1]) {
                        newline(out, level);
                    } else {
                        out.append(' ');
                    }
                }
                case ':' -> out.append(" : ");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static void newline(StringBuilder out, int level) {
        out.append('\n');
        out.append("  ".repeat(level));
    }

    /** Copies the string starting at the quote at i; returns the index of its closing quote. */
    private static int copyString(String s, int i, StringBuilder out) {
        out.append('"');
        int j = i + 1;
        while (j < s.length()) {
            char c = s.charAt(j);
            out.append(c);
            if (c == '\\') {
                out.append(s.charAt(++j));
            } else if (c == '"') {
                return j;
            }
            j++;
        }
        return j;
    }
}
