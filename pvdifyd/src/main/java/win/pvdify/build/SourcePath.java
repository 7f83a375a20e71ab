package win.pvdify.build;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import win.pvdify.ops.Refused;

/** Paths of a source archive: relative, no `..`, no NUL, links that stay inside the tree. Pure. */
final class SourcePath {
    private SourcePath() {
    }

    /** "./a//b/" -> "a/b"; refuses absolute paths, `..`, NUL and backslash-free tricks alike. "" = the root. */
    static String clean(String name) {
        if (name == null || name.indexOf('\0') >= 0) {
            throw Refused.invalid("the source archive has an entry with no name or a NUL in its name");
        }
        if (name.startsWith("/")) {
            throw Refused.invalid("the source archive has an absolute path '" + SourceArchive.shown(name) + "'");
        }
        StringBuilder out = new StringBuilder();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw Refused.invalid("the source archive has a path with '..': '" + SourceArchive.shown(name) + "'");
            }
            if (!out.isEmpty()) {
                out.append('/');
            }
            out.append(part);
        }
        if (out.length() > 4096) {
            throw Refused.invalid("the source archive has a path longer than 4096 characters");
        }
        return out.toString();
    }

    /** Refuses a path below an earlier symlink (writing through it would leave the tree). */
    static void belowNoLink(String path, Set<String> links) {
        int at = path.indexOf('/');
        while (at > 0) {
            if (links.contains(path.substring(0, at))) {
                throw Refused.invalid("'" + SourceArchive.shown(path) + "' in the source archive is below a symlink");
            }
            at = path.indexOf('/', at + 1);
        }
    }

    /** A link at `path` pointing to `target` must resolve inside the tree (relative, never above the root). */
    static void linkInside(String path, String target, String what) {
        if (target == null || target.isEmpty() || target.indexOf('\0') >= 0 || target.startsWith("/")) {
            throw Refused.invalid(what + " '" + SourceArchive.shown(path) + "' points outside the source tree ("
                    + SourceArchive.shown(String.valueOf(target)) + ")");
        }
        Deque<String> dirs = new ArrayDeque<>();
        String[] parts = path.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            dirs.addLast(parts[i]);
        }
        for (String part : target.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (dirs.isEmpty()) {
                    throw Refused.invalid(what + " '" + SourceArchive.shown(path) + "' points outside the source tree ("
                            + SourceArchive.shown(target) + ")");
                }
                dirs.removeLast();
            } else {
                dirs.addLast(part);
            }
        }
    }

    /**
     * A symlink's target may not climb (`..`) out of a directory that is itself a symlink: lexical checking would
     * then disagree with what the link resolves to.
     */
    static void notThroughLinks(String path, String target, Set<String> links) {
        Deque<String> dirs = new ArrayDeque<>();
        String[] parts = path.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            dirs.addLast(parts[i]);
        }
        for (String part : target.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!dirs.isEmpty() && links.contains(String.join("/", dirs))) {
                    throw Refused.invalid("symlink '" + SourceArchive.shown(path) + "' resolves through another symlink ("
                            + SourceArchive.shown(target) + ")");
                }
                dirs.pollLast();
            } else {
                dirs.addLast(part);
            }
        }
    }
}
