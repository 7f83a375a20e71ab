package win.pvdify.backup;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import win.pvdify.DaemonConfig;
import win.pvdify.secrets.SecretBox;
import win.pvdify.store.Database;

/**
 * `pvdifyd backup --to FILE` and `pvdifyd restore FILE [--keyset KEYSET]`: the control plane (database and admin
 * token) in one file encrypted with the keyset. The database is copied with SQLite's VACUUM INTO, a consistent
 * snapshot taken while pvdifyd runs (WAL readers do not block it). The keyset is NOT in the backup, so a stolen
 * backup reveals nothing; keep the keyset (0600, /var/lib/pvdify/keyset.json) somewhere else: without it the
 * backup, and every config value in it, cannot be read. A restore writes only into a data dir without a database,
 * and only once the whole backup has decrypted, so a wrong keyset or a truncated file changes nothing.
 */
public final class ControlPlaneBackup {
    private ControlPlaneBackup() {
    }

    /** A backup or restore that cannot go on, with what to do (exit 1). */
    public static final class Failed extends RuntimeException {
        public Failed(String message) {
            super(message);
        }
    }

    public static void create(DaemonConfig config, Path to, PrintStream out) {
        Path target = to.toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new Failed(to + " is a directory; name the backup file, e.g. " + to.resolve("pvdify.backup"));
        }
        Archive a = archive(config, target.getParent(), "." + target.getFileName());
        try {
            writePrivate(target, a.bytes());
        } catch (IOException e) {
            throw new Failed("cannot write the backup " + to + ": " + e.getMessage());
        }
        out.println("pvdifyd: wrote " + to + " (" + a.counts() + ", encrypted with the keyset " + config.keysetFile()
                + ").");
        out.println("pvdifyd: keep a copy of that keyset somewhere else: without it this backup cannot be restored.");
    }

    /** A sealed backup and what it holds ("3 apps, 12 releases, 4 tokens"). */
    public record Archive(byte[] bytes, String counts) {
    }

    /** Makes a backup in memory; the database snapshot is written to scratchDir/prefix.db-snapshot meanwhile. */
    public static Archive archive(DaemonConfig config, Path scratchDir, String prefix) {
        Path db = config.databaseFile();
        if (!Files.isRegularFile(db)) {
            throw new Failed("no database at " + db + " (is --data-dir right?)");
        }
        Path keyset = config.keysetFile();
        if (!Files.isRegularFile(keyset)) {
            throw new Failed("no keyset at " + keyset + " (is --keyset-path right?)");
        }
        SecretBox box = SecretBox.fromExistingKeysetFile(keyset);
        Path snapshot = scratchDir.resolve(prefix + ".db-snapshot");
        Map<String, byte[]> files = new LinkedHashMap<>();
        String counts;
        try {
            Files.deleteIfExists(snapshot);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
                s.execute("VACUUM INTO '" + snapshot.toString().replace("'", "''") + "'");
            }
            counts = counts(snapshot);
            files.put("pvdify.db", Files.readAllBytes(snapshot));
            if (Files.isRegularFile(config.adminTokenFile())) {
                files.put("admin-token", Files.readAllBytes(config.adminTokenFile()));
            }
            return new Archive(BackupArchive.seal(files, box), counts);
        } catch (SQLException | IOException e) {
            throw new Failed("cannot snapshot the database " + db + ": " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(snapshot);
            } catch (IOException ignored) {
                // a leftover snapshot is named after the backup; the next run removes it
            }
        }
    }

    public static void restore(DaemonConfig config, Path from, Path keysetFrom, PrintStream out) {
        Path db = config.databaseFile();
        if (Files.exists(db)) {
            throw new Failed(db + " exists: restore only fills a fresh data dir (move the old one away first); "
                    + "nothing was changed");
        }
        Path keyset = keysetFrom != null ? keysetFrom : config.keysetFile();
        if (!Files.isRegularFile(keyset)) {
            throw new Failed("no keyset at " + keyset + ": give the keyset the backup was made with (--keyset FILE)");
        }
        if (keysetFrom != null && Files.exists(config.keysetFile())) {
            throw new Failed(config.keysetFile() + " exists already: restore into a fresh data dir, or drop "
                    + "--keyset to use it; nothing was changed");
        }
        Map<String, byte[]> files;
        try {
            files = BackupArchive.open(Files.readAllBytes(from), SecretBox.fromExistingKeysetFile(keyset));
        } catch (BackupArchive.Unreadable e) {
            throw new Failed(from + ": " + e.getMessage() + "; nothing was changed");
        } catch (IOException e) {
            throw new Failed("cannot read " + from + ": " + e.getMessage());
        }
        boolean writeToken = files.containsKey("admin-token") && !Files.exists(config.adminTokenFile());
        try {
            Files.createDirectories(config.dataDir());
            if (keysetFrom != null) {
                writePrivate(config.keysetFile(), Files.readAllBytes(keysetFrom));
            }
            writePrivate(db, files.get("pvdify.db"));
            if (writeToken) {
                writePrivate(config.adminTokenFile(), files.get("admin-token"));
            }
        } catch (IOException e) {
            throw new Failed("cannot write into " + config.dataDir() + ": " + e.getMessage());
        }
        // migrate it to this pvdifyd's schema now, so a bad database fails here and not at the next start
        try {
            Database.open(db).close();
        } catch (RuntimeException e) {
            // leave the data dir as fresh as it was, so the restore can be retried (e.g. with a newer pvdifyd)
            for (Path p : new Path[] {db, db.resolveSibling(db.getFileName() + "-wal"),
                db.resolveSibling(db.getFileName() + "-shm"), keysetFrom != null ? config.keysetFile() : null,
                writeToken ? config.adminTokenFile() : null}) {
                try {
                    if (p != null) {
                        Files.deleteIfExists(p);
                    }
                } catch (IOException ignored) {
                    // reported below with the cause
                }
            }
            throw new Failed("the database in " + from + " cannot be opened by this pvdifyd (made by a newer one?): "
                    + e.getMessage() + "; the data dir was left as it was");
        }
        out.println("pvdifyd: restored " + config.dataDir() + " from " + from + " (" + counts(db) + ").");
        out.println("pvdifyd: start pvdifyd (systemctl start pvdify.target, or setup.sh): it brings every app's "
                + "dynos and routes back from the restored releases.");
    }

    private static String counts(Path file) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            return count(s, "apps", "app") + ", " + count(s, "releases", "release") + ", "
                    + count(s, "tokens", "token");
        } catch (SQLException e) {
            throw new Failed("the database in the backup is not readable: " + e.getMessage());
        }
    }

    private static String count(Statement s, String table, String noun) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
            int n = r.next() ? r.getInt(1) : 0;
            return n + " " + noun + (n == 1 ? "" : "s");
        }
    }

    private static void writePrivate(Path file, byte[] bytes) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(tmp, bytes);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
