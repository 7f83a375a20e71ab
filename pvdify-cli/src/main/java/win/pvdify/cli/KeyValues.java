package win.pvdify.cli;

import java.util.ArrayList;
import java.util.List;

/** Heroku's "Key: value" block with the values aligned, as in apps:info and config. */
final class KeyValues {
    private final List<String[]> pairs = new ArrayList<>();

    KeyValues add(String key, String value) {
        pairs.add(new String[] {key, value == null ? "" : value});
        return this;
    }

    String render() {
        int w = 0;
        for (String[] p : pairs) {
            w = Math.max(w, Table.visible(p[0]));
        }
        StringBuilder b = new StringBuilder();
        for (String[] p : pairs) {
            b.append((p[0] + ":" + " ".repeat(w - Table.visible(p[0]) + 1) + p[1]).stripTrailing()).append('\n');
        }
        return b.toString();
    }
}
