package win.pvdify.systemd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import win.pvdify.dyno.DynoName;

/**
 * Env files of dynos, mode 0600 in a tmpfs directory (default /run/pvdify/env) so decrypted config never
 * reaches a persistent disk. Paths returned are as the dyno's runtime sees them; `root` is where that file
 * system is reached from here ("/" normally, /proc/PID/root for a systemd in another mount namespace).
 */
public final class EnvFiles {
    public static final Path DEFAULT_DIR = Path.of("/run/pvdify/env");
    private final Path dir;
    private final Path root;

    public EnvFiles(Path dir, Path root) {
        if (!dir.isAbsolute()) {
            throw new IllegalArgumentException("env dir must be absolute: " + dir);
        }
        this.dir = dir;
        this.root = root;
    }

    public EnvFiles(Path dir) {
        this(dir, Path.of("/"));
    }

    public Path pathFor(DynoName name) {
        return dir.resolve(name.container() + ".env");
    }

    /** Writes (atomically, 0600) the dyno's env file and returns its path. */
    public Path write(DynoName name, Map<String, String> env) {
        String text = EnvFileRenderer.render(env);
        Path path = pathFor(name);
        Path local = local(path);
        try {
            Files.createDirectories(local.getParent(),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path tmp = local.resolveSibling("." + local.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, text, StandardOpenOption.TRUNCATE_EXISTING);
            try {
                Files.move(tmp, local, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, local, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write env file " + path + ": " + e.getMessage(), e);
        }
        return path;
    }

    /** Reads an env file back (for the Podman-API supervisor, which passes env in the create call). */
    public Map<String, String> read(Path path) {
        try {
            return EnvFileRenderer.parse(Files.readString(local(path)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read env file " + path + ": " + e.getMessage(), e);
        }
    }

    public void remove(Path path) {
        try {
            Files.deleteIfExists(local(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove env file " + path + ": " + e.getMessage(), e);
        }
    }

    public boolean exists(Path path) {
        return Files.exists(local(path));
    }

    private Path local(Path path) {
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("env file path must be absolute: " + path);
        }
        return root.resolve(path.toString().substring(1));
    }
}
