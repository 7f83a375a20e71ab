package win.pvdify.addon;

import java.util.List;
import java.util.Optional;

/**
 * The commands that dump and restore an add-on's data inside its own container (so the client always matches the
 * server's version). Postgres: pg_dump's custom format over the local socket (the images trust it), restored with
 * pg_restore --clean. Empty for kinds without backups yet. Pure.
 */
public final class BackupCommands {
    private BackupCommands() {
    }

    public static Optional<List<String>> capture(AddonKind kind) {
        return switch (kind) {
            case POSTGRES -> Optional.of(List.of("pg_dump", "--format=custom", "--no-owner", "-U",
                    AddonContainers.PG_USER, "-d", AddonContainers.PG_DB));
            case REDIS -> Optional.empty();
        };
    }

    public static Optional<List<String>> restore(AddonKind kind) {
        return switch (kind) {
            case POSTGRES -> Optional.of(List.of("pg_restore", "--clean", "--if-exists", "--no-owner",
                    "--exit-on-error", "-U", AddonContainers.PG_USER, "-d", AddonContainers.PG_DB));
            case REDIS -> Optional.empty();
        };
    }
}
