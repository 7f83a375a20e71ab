package win.pvdify.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root (for scripts/), from the failsafe property or by walking up from the module. */
public final class Repo {
    private Repo() {
    }

    public static Path root() {
        String p = System.getProperty("pvdify.repo");
        Path dir = (p != null ? Path.of(p) : Path.of("").toAbsolutePath()).normalize();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("scripts/sysns.sh"))) {
                return d;
            }
        }
        throw new IllegalStateException("cannot find the repository root above " + dir);
    }

    public static String script(String name) {
        return root().resolve("scripts").resolve(name).toString();
    }
}
