package win.pvdify.commands;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import win.pvdify.addon.Addon;
import win.pvdify.addon.AddonShell;
import win.pvdify.addon.BackupCommands;
import win.pvdify.ops.OperationFailed;
import win.pvdify.ops.OperationKind;
import win.pvdify.ops.OperationQueue;
import win.pvdify.ops.OperationWork;
import win.pvdify.ops.Refused;
import win.pvdify.secrets.StreamingBox;
import win.pvdify.store.BackupQueries;
import win.pvdify.store.Store;
import win.pvdify.store.StoredOperation;

/**
 * Backups of add-ons: capture and restore are operations in the queue of the app the add-on was created for (so
 * they never overlap a destroy, a restart or each other). A capture streams pg_dump's output from the add-on's
 * container through Tink streaming AEAD into backups/ADDON/ID.backup under the data dir: no plaintext byte is
 * written. A restore first reads the whole file once to authenticate every segment (a corrupt, truncated or
 * foreign file fails there, before the database is touched), then streams it into pg_restore --clean.
 */
public final class AddonBackups {
    static final String SCOPE = "addon-backup";
    private final Store store;
    private final AddonShell shell;
    private final StreamingBox box;
    private final Path dir;
    private final OperationQueue queue;

    public AddonBackups(Store store, AddonShell shell, StreamingBox box, Path dir, OperationQueue queue) {
        this.store = store;
        this.shell = shell;
        this.box = box;
        this.dir = dir;
        this.queue = queue;
    }

    public List<BackupQueries.Backup> list(Addon addon) {
        return store.backups().list(addon.name());
    }

    public StoredOperation capture(Addon addon, String by) {
        supported(addon);
        return queue.submit(addon.app(), OperationKind.ADDON_BACKUP, "Back up add-on " + addon.name(), by,
                ReleaseChanges.params("addon", addon.name()));
    }

    public StoredOperation restore(Addon addon, long id, String by) {
        supported(addon);
        BackupQueries.Backup b = backup(addon, id);
        if (!b.state().equals("succeeded")) {
            throw Refused.conflict("backup " + id + " of " + addon.name() + " is " + b.state() + ": nothing to restore");
        }
        return queue.submit(addon.app(), OperationKind.ADDON_RESTORE, "Restore add-on " + addon.name()
                + " from backup " + id, by, ReleaseChanges.params("addon", addon.name(), "backup", String.valueOf(id)));
    }

    /** Streams the decrypted backup into out (a download); a file that does not authenticate fails mid-stream. */
    public void download(Addon addon, long id, OutputStream out) throws IOException {
        BackupQueries.Backup b = backup(addon, id);
        if (!b.state().equals("succeeded")) {
            throw Refused.conflict("backup " + id + " of " + addon.name() + " is " + b.state());
        }
        try (InputStream in = open(addon.name(), id)) {
            in.transferTo(out);
        }
    }

    public BackupQueries.Backup backup(Addon addon, long id) {
        return store.backups().find(addon.name(), id)
                .orElseThrow(() -> Refused.notFound("add-on " + addon.name() + " has no backup " + id));
    }

    OperationWork work(StoredOperation op) {
        return switch (op.kind()) {
            case ADDON_BACKUP -> ctx -> {
                Addon addon = stored(op.param("addon"));
                List<String> cmd = BackupCommands.capture(addon.kind()).orElseThrow();
                long id = store.backups().start(addon.name());
                Path file = file(addon.name(), id);
                AddonShell.Result r;
                try {
                    Files.createDirectories(file.getParent());
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    try (OutputStream out = box.encrypting(Files.newOutputStream(file, StandardOpenOption.WRITE),
                            SCOPE, addon.name() + "\0" + id)) {
                        r = shell.run(addon.container(), cmd, null, out);
                    }
                } catch (IOException | RuntimeException e) {
                    fail(id, file, e.getMessage());
                    throw new OperationFailed(503, "backup of " + addon.name() + " failed: " + e.getMessage());
                }
                if (r.exitCode() != 0) {
                    fail(id, file, r.stderr());
                    throw new OperationFailed(409, "backup of " + addon.name() + " failed (pg_dump exit "
                            + r.exitCode() + "): " + r.stderr());
                }
                long bytes = size(file);
                store.backups().end(id, "succeeded", bytes, null);
                ctx.event("backup", "Backup " + id + " of " + addon.name() + ": " + bytes + " bytes, encrypted");
            };
            case ADDON_RESTORE -> ctx -> {
                Addon addon = stored(op.param("addon"));
                long id = Long.parseLong(op.param("backup"));
                try (InputStream check = open(addon.name(), id)) {
                    check.transferTo(OutputStream.nullOutputStream());
                } catch (IOException | RuntimeException e) {
                    throw new OperationFailed(422, "backup " + id + " of " + addon.name() + " does not decrypt"
                            + " (corrupt, truncated or not this add-on's): " + e.getMessage()
                            + "; the database was not touched");
                }
                AddonShell.Result r;
                long[] restored = {0};
                try (InputStream in = new CountingStream(open(addon.name(), id), restored)) {
                    r = shell.run(addon.container(), BackupCommands.restore(addon.kind()).orElseThrow(), in,
                            OutputStream.nullOutputStream());
                } catch (IOException | RuntimeException e) {
                    throw new OperationFailed(503, "restore of " + addon.name() + " failed: " + e.getMessage());
                }
                if (r.exitCode() != 0) {
                    throw new OperationFailed(409, "restore of " + addon.name() + " failed (pg_restore exit "
                            + r.exitCode() + "): " + r.stderr());
                }
                store.events().add(addon.app(), "api", "Add-on " + addon.name() + " restored from backup " + id
                        + " by " + op.createdBy());
                ctx.event("backup", "Restored " + addon.name() + " from backup " + id + " (" + restored[0]
                        + " bytes of dump)");
            };
            default -> throw new IllegalArgumentException("not a backup: " + op.kind());
        };
    }

    /** With its add-on: every backup file goes (the rows go by the foreign key). */
    void removeAll(String addon) {
        if (dir == null) {
            return;
        }
        Path d = dir.resolve(addon);
        try (var files = Files.list(d)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(d);
        } catch (java.nio.file.NoSuchFileException e) {
            // no backups
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path file(String addon, long id) {
        return dir.resolve(addon).resolve(id + ".backup");
    }

    private InputStream open(String addon, long id) throws IOException {
        return box.decrypting(new BufferedInputStream(Files.newInputStream(file(addon, id))), SCOPE,
                addon + "\0" + id);
    }

    private void fail(long id, Path file, String error) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the row says failed; a leftover file is only encrypted bytes
        }
        store.backups().end(id, "failed", null, error == null ? "failed" : error.length() > 1000
                ? error.substring(error.length() - 1000) : error);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private void supported(Addon addon) {
        if (box == null) {
            throw new Refused(503, "backups are not set up on this pvdifyd");
        }
        if (BackupCommands.capture(addon.kind()).isEmpty()) {
            throw Refused.invalid("backups of " + addon.kind().wire() + " add-ons are not supported yet");
        }
    }

    private Addon stored(String name) {
        return store.addons().find(name)
                .orElseThrow(() -> new OperationFailed(404, "add-on " + name + " is gone"));
    }

    /** Counts the bytes read through it (the restore's report). */
    private static final class CountingStream extends java.io.FilterInputStream {
        private final long[] count;

        CountingStream(InputStream in, long[] count) {
            super(in);
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count[0]++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count[0] += n;
            }
            return n;
        }
    }
}
