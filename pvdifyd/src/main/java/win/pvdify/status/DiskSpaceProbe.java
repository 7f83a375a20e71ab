package win.pvdify.status;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import win.pvdify.api.StatusCheck;

/** Free space where the database lives: degraded under 1 GiB, down under 100 MiB (SQLite writes start failing). */
public final class DiskSpaceProbe implements StatusProbe {
    private static final long MIB = 1024L * 1024L;
    private final Path dir;

    public DiskSpaceProbe(Path dir) {
        this.dir = dir;
    }

    @Override
    public StatusCheck check() {
        try {
            FileStore store = Files.getFileStore(dir);
            long free = store.getUsableSpace();
            String detail = (free / MIB) + " MiB free in " + dir;
            if (free < 100 * MIB) {
                return new StatusCheck("disk", StatusCheck.DOWN, detail);
            }
            return new StatusCheck("disk", free < 1024 * MIB ? StatusCheck.DEGRADED : StatusCheck.OK, detail);
        } catch (IOException e) {
            return new StatusCheck("disk", StatusCheck.DOWN, "cannot read free space of " + dir + ": " + e.getMessage());
        }
    }
}
