package win.pvdify.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The ignore rules of `deploy --source`: .gitignore and .pvdifyignore at the top of the directory, in git's
 * syntax (blank lines and # comments skipped, `!` re-includes, a trailing `/` matches directories only, a
 * leading or inner `/` anchors to the top, `*`, `?` and `**`). The last matching rule wins. .git is always left
 * out. Pure.
 */
final class SourceIgnore {
    private record Rule(Pattern pattern, boolean negate, boolean dirOnly) {
    }

    private final List<Rule> rules = new ArrayList<>();

    /** Adds the lines of one ignore file. */
    SourceIgnore add(String text) {
        for (String raw : text.split("\r?\n")) {
            String line = raw.stripTrailing();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean negate = line.startsWith("!");
            if (negate) {
                line = line.substring(1);
            }
            boolean dirOnly = line.endsWith("/");
            if (dirOnly) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty()) {
                continue;
            }
            boolean anchored = line.contains("/");
            if (line.startsWith("/")) {
                line = line.substring(1);
            }
            String regex = (anchored ? "" : "(?:.*/)?") + glob(line);
            rules.add(new Rule(Pattern.compile(regex), negate, dirOnly));
        }
        return this;
    }

    /** Whether the path (relative, with `/`) is left out; dir: it is a directory. */
    boolean ignored(String path, boolean dir) {
        if (path.equals(".git") || path.startsWith(".git/")) {
            return true;
        }
        boolean out = false;
        for (Rule r : rules) {
            if (r.dirOnly && !dir) {
                continue;
            }
            if (r.pattern.matcher(path).matches()) {
                out = !r.negate;
            }
        }
        return out;
    }

    private static String glob(String g) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            if (c == '*' && i + 1 < g.length() && g.charAt(i + 1) == '*') {
                boolean slash = i + 2 < g.length() && g.charAt(i + 2) == '/';
                re.append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }
}
