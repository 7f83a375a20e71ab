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
import java.util.stream.Stream;
import win.pvdify.dyno.DynoName;
import win.pvdify.engine.EnvFileWriter;

/**
 * Env files of dynos, in a tmpfs directory (default /run/pvdify/env) so decrypted config never reaches a
 * persistent disk. The directory is 0700 root, so no host user but root reaches a file in it; the files are
 * 0644 so that a dyno that reads its bind-mounted copy itself (the env shim) can, as the unprivileged host uid its
 * user namespace maps container root (or the image's USER) to. Paths returned are as the dyno's runtime sees them; `root` is where that file
 * system is reached from here ("/" normally, /proc/PID/root for a systemd in another mount namespace).
 * The engine keeps one file per release (`pvdify-<app>.v<release>.env`, shared by the release's dynos).
 */
public final class EnvFiles implements EnvFileWriter {
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

    /** The env file of a release: `pvdify-<app>.v<release>.env`. */
    public Path pathFor(String app, int release) {
        if (!DynoName.isValidApp(app) || release < 1) {
            throw new IllegalArgumentException("invalid app or release: " + app + " v" + release);
        }
        return dir.resolve(DynoName.PREFIX + app + ".v" + release + ".env");
    }

    @Override
    public Path write(String app, int release, Map<String, String> env) {
        return write(pathFor(app, release), env);
    }

    @Override
    public void delete(String app, int release) {
        remove(pathFor(app, release));
    }

    /** Removes the app's release files and any per-dyno files (`pvdify-<app>.` prefix; app names have no dot). */
    @Override
    public void deleteAll(String app) {
        if (!DynoName.isValidApp(app)) {
            throw new IllegalArgumentException("invalid app name: " + app);
        }
        Path localDir = local(dir);
        if (!Files.isDirectory(localDir)) {
            return;
        }
        String prefix = DynoName.PREFIX + app + ".";
        try (Stream<Path> files = Files.list(localDir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(prefix)
                    && f.getFileName().toString().endsWith(".env")).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove env files of " + app + ": " + e.getMessage(), e);
        }
    }

    /** Writes (atomically, 0600) a dyno's own env file and returns its path. */
    public Path write(DynoName name, Map<String, String> env) {
        return write(pathFor(name), env);
    }

    private Path write(Path path, Map<String, String> env) {
        String text = EnvFileRenderer.render(env);
        Path local = local(path);
        try {
            Files.createDirectories(local.getParent(),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            // the directory is what keeps host users out of the 0644 files, whoever created it
            Files.setPosixFilePermissions(local.getParent(), PosixFilePermissions.fromString("rwx------"));
            Path tmp = local.resolveSibling("." + local.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, text, StandardOpenOption.TRUNCATE_EXISTING);
            // readable only once the values are in, and only through the 0700 directory
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
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
