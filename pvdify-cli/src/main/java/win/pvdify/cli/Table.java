package win.pvdify.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An aligned text table, Heroku style: a header, a rule, rows; two spaces between columns, no trailing blanks.
 * Cells are cleaned of control characters; styling (ANSI) added by the caller does not count towards width.
 */
record Table(List<String> headers, List<List<String>> rows) {
    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*m");

    static Table of(String... headers) {
        return new Table(List.of(headers), new ArrayList<>());
    }

    Table row(String... cells) {
        List<String> r = new ArrayList<>(cells.length);
        for (String c : cells) {
            r.add(c == null ? "" : c);
        }
        rows.add(r);
        return this;
    }

    String render() {
        int n = headers.size();
        int[] width = new int[n];
        for (int i = 0; i < n; i++) {
            width[i] = visible(headers.get(i));
        }
        for (List<String> r : rows) {
            for (int i = 0; i < n && i < r.size(); i++) {
                width[i] = Math.max(width[i], visible(r.get(i)));
            }
        }
        StringBuilder b = new StringBuilder();
        line(b, headers, width);
        List<String> rule = new ArrayList<>(n);
        for (int w : width) {
            rule.add("-".repeat(w));
        }
        line(b, rule, width);
        for (List<String> r : rows) {
            line(b, r, width);
        }
        return b.toString();
    }

    private static void line(StringBuilder b, List<String> cells, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            String c = i < cells.size() ? cells.get(i) : "";
            l.append(c);
            if (i < width.length - 1) {
                l.append(" ".repeat(width[i] - visible(c) + 2));
            }
        }
        b.append(l.toString().stripTrailing()).append('\n');
    }

    static int visible(String s) {
        String plain = ANSI.matcher(s).replaceAll("");
        return plain.codePointCount(0, plain.length());
    }
}
