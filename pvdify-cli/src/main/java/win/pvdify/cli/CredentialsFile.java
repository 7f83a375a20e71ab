package win.pvdify.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/** The login file: $XDG_CONFIG_HOME/pvdify/credentials (or ~/.config/pvdify/credentials), mode 0600. */
record CredentialsFile(Path path) {

    static CredentialsFile of(CliContext ctx) {
        String xdg = ctx.env("XDG_CONFIG_HOME");
        Path base = xdg != null ? Path.of(xdg)
                : Path.of(ctx.env("HOME") != null ? ctx.env("HOME") : System.getProperty("user.home"), ".config");
        return new CredentialsFile(base.resolve("pvdify").resolve("credentials"));
    }

    Optional<Credentials> read() {
        try {
            return Files.isReadable(path)
                    ? Optional.of(Credentials.parse(Files.readString(path, StandardCharsets.UTF_8)))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Writes atomically: a 0600 file in the same directory, then a rename, so no moment exposes the token. */
    void write(Credentials c) {
        try {
            Path dir = path.getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
            Path tmp = Files.createTempFile(dir, ".credentials", ".new",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(tmp, c.format(), StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw CliException.error("cannot write " + path + ": " + e.getMessage());
        }
    }

    boolean delete() {
        try {
            return Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
