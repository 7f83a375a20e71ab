package win.pvdify.api;

import java.util.Locale;

/** Byte counts for people, the same in the CLI and the dashboard: "612 KiB", "3.4 MiB", "38 MiB", "1.2 GiB". */
public final class ByteSize {
    private static final long KIB = 1024;
    private static final long MIB = KIB * 1024;
    private static final long GIB = MIB * 1024;

    private ByteSize() {
    }

    public static String human(long bytes) {
        if (bytes < KIB) {
            return Math.max(0, bytes) + " B";
        }
        if (bytes < MIB) {
            return bytes / KIB + " KiB";
        }
        if (bytes < 10 * MIB) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) MIB);
        }
        if (bytes < GIB) {
            return bytes / MIB + " MiB";
        }
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) GIB);
    }
}
