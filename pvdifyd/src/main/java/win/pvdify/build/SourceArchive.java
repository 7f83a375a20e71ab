package win.pvdify.build;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import win.pvdify.ops.Refused;

/**
 * Checks an uploaded source tarball (plain or gzip) while it streams and writes a clean copy: only regular files,
 * directories and links that stay inside the tree, owned by root, with no absolute path, no `..`, no device or
 * FIFO, no entry below a symlink and no path twice. Anything else is refused (422) before a byte of it reaches a
 * build; more than maxBytes uploaded (or 4x that unpacked) is refused with 413 as soon as it is read, not after.
 * The clean copy is what Podman gets as the build context.
 */
public final class SourceArchive {
    public static final int MAX_ENTRIES = 100_000;
    /** Top-level files read into memory for the builder (Procfile...): at most this large. */
    public static final int MAX_SMALL_FILE = 64 * 1024;
    private static final Set<String> SMALL_FILES = Set.of("Procfile");

    private SourceArchive() {
    }

    /**
     * What a checked archive holds: its digest (of the upload as sent), the top-level regular files (for builder
     * detection) and the content of the small ones the builder reads.
     */
    public record Checked(String sha256, Set<String> topFiles, Map<String, byte[]> smallFiles, int entries,
                          long unpackedBytes, Set<String> topDirs) {
    }

    /**
     * Copies a clean tar (one this class wrote) to out with one more regular file at the top, replacing an entry of
     * that name: the Containerfile of a runtime template.
     */
    public static void withFile(InputStream clean, OutputStream out, String name, byte[] content) throws IOException {
        TarArchiveInputStream in = new TarArchiveInputStream(clean);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new NoClose(out));
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
            if (e.getName().equals(name)) {
                continue;
            }
            tar.putArchiveEntry(e);
            if (e.isFile() && !e.isLink() && !e.isSymbolicLink()) {
                in.transferTo(tar);
            }
            tar.closeArchiveEntry();
        }
        TarArchiveEntry f = new TarArchiveEntry(name, TarArchiveEntry.LF_NORMAL);
        f.setSize(content.length);
        f.setMode(0100644);
        tar.putArchiveEntry(f);
        tar.write(content);
        tar.closeArchiveEntry();
        tar.finish();
        tar.close();
    }

    /** Reads the upload, refusing what is hostile or too large, and writes the clean tar to out. */
    public static Checked copy(InputStream upload, OutputStream out, long maxBytes) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        InputStream raw = new BufferedInputStream(new DigestInputStream(
                new Limited(upload, maxBytes, "the source archive is larger than " + maxBytes + " bytes"), sha));
        raw.mark(2);
        int b1 = raw.read();
        int b2 = raw.read();
        raw.reset();
        if (b1 < 0) {
            throw Refused.invalid("the source archive is empty (send a tar or tar.gz of the app's directory)");
        }
        InputStream tarBytes = b1 == 0x1f && b2 == 0x8b
                ? new Limited(new GzipCompressorInputStream(raw, true), maxBytes * 4,
                        "the source archive unpacks to more than " + maxBytes * 4 + " bytes")
                : raw;
        Map<String, Kind> seen = new HashMap<>();
        Map<String, String> links = new HashMap<>();
        Set<String> top = new HashSet<>();
        Map<String, byte[]> small = new HashMap<>();
        int entries = 0;
        long unpacked = 0;
        TarArchiveInputStream in = new TarArchiveInputStream(tarBytes);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new NoClose(out));
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        try {
            for (TarArchiveEntry e; (e = nextEntry(in)) != null; ) {
                if (++entries > MAX_ENTRIES) {
                    throw Refused.invalid("the source archive has more than " + MAX_ENTRIES + " entries");
                }
                String path = SourcePath.clean(e.getName());
                if (path.isEmpty()) {
                    continue; // "./": the root itself
                }
                Kind kind = kind(e, path);
                Kind before = seen.get(path);
                if (before != null && !(before == Kind.DIR && kind == Kind.DIR)) {
                    throw Refused.invalid("the source archive has '" + shown(path) + "' twice");
                }
                if (before != null) {
                    continue;
                }
                seen.put(path, kind);
                TarArchiveEntry copy = switch (kind) {
                    case DIR -> new TarArchiveEntry(path + "/", TarArchiveEntry.LF_DIR);
                    case FILE -> new TarArchiveEntry(path, TarArchiveEntry.LF_NORMAL);
                    case SYMLINK -> {
                        SourcePath.linkInside(path, e.getLinkName(), "symlink");
                        links.put(path, e.getLinkName());
                        TarArchiveEntry s = new TarArchiveEntry(path, TarArchiveEntry.LF_SYMLINK);
                        s.setLinkName(e.getLinkName());
                        yield s;
                    }
                    case HARDLINK -> {
                        String target = SourcePath.clean(e.getLinkName());
                        if (seen.get(target) != Kind.FILE) {
                            throw Refused.invalid("hard link '" + shown(path) + "' must point to a file earlier in the"
                                    + " archive");
                        }
                        TarArchiveEntry h = new TarArchiveEntry(path, TarArchiveEntry.LF_LINK);
                        h.setLinkName(target);
                        yield h;
                    }
                };
                copy.setMode((e.getMode() & 0755) | (kind == Kind.DIR ? 0700 : 0600));
                copy.setModTime(e.getModTime());
                copy.setIds(0, 0);
                copy.setNames("root", "root");
                if (kind == Kind.FILE) {
                    copy.setSize(e.getSize());
                    unpacked += e.getSize();
                }
                tar.putArchiveEntry(copy);
                if (kind == Kind.FILE) {
                    boolean topLevel = path.indexOf('/') < 0;
                    if (topLevel) {
                        top.add(path);
                    }
                    if (topLevel && SMALL_FILES.contains(path) && e.getSize() <= MAX_SMALL_FILE) {
                        byte[] content = in.readNBytes((int) e.getSize());
                        small.put(path, content);
                        tar.write(content);
                    } else {
                        in.transferTo(tar);
                    }
                }
                tar.closeArchiveEntry();
            }
            // in any order: no entry below a symlink, no link resolving through another one
            seen.keySet().forEach(p -> SourcePath.belowNoLink(p, links.keySet()));
            links.forEach((p, target) -> SourcePath.notThroughLinks(p, target, links.keySet()));
            tar.finish();
            tar.close();
        } catch (IOException | RuntimeException e) {
            // a refused archive leaves its partial copy to the caller to delete; the writer is dropped unfinished
            throw e;
        }
        // what is left after the end-of-archive blocks counts toward the digest and the limit too
        raw.transferTo(OutputStream.nullOutputStream());
        Set<String> dirs = new HashSet<>();
        seen.forEach((p, k) -> {
            int slash = p.indexOf('/');
            if (slash > 0 && !links.containsKey(p.substring(0, slash))) {
                dirs.add(p.substring(0, slash));
            } else if (slash < 0 && k == Kind.DIR) {
                dirs.add(p);
            }
        });
        return new Checked("sha256:" + HexFormat.of().formatHex(sha.digest()), Set.copyOf(top), Map.copyOf(small),
                entries, unpacked, Set.copyOf(dirs));
    }

    private static TarArchiveEntry nextEntry(TarArchiveInputStream in) throws IOException {
        try {
            return in.getNextEntry();
        } catch (IllegalArgumentException e) {
            throw Refused.invalid("the source archive is not a valid tar: " + e.getMessage());
        } catch (IOException e) {
            if (e instanceof TooLarge) {
                throw e;
            }
            if (e.getCause() instanceof TooLarge t) {
                throw t;
            }
            throw Refused.invalid("the source archive is not a valid tar or tar.gz: " + e.getMessage());
        }
    }

    private enum Kind { DIR, FILE, SYMLINK, HARDLINK }

    private static Kind kind(TarArchiveEntry e, String path) {
        if (e.isDirectory()) {
            return Kind.DIR;
        }
        if (e.isSymbolicLink()) {
            return Kind.SYMLINK;
        }
        if (e.isLink()) {
            return Kind.HARDLINK;
        }
        byte flag = e.getLinkFlag();
        // isFile() alone also says yes to devices and FIFOs: only the regular-file flags count
        if ((flag == TarArchiveEntry.LF_NORMAL || flag == TarArchiveEntry.LF_OLDNORM
                || flag == TarArchiveEntry.LF_CONTIG) && !e.isSparse()) {
            return Kind.FILE;
        }
        String what = e.isCharacterDevice() || e.isBlockDevice() ? "a device" : e.isFIFO() ? "a FIFO" : "not a regular file";
        throw Refused.invalid("'" + shown(path) + "' in the source archive is " + what + " (only files, directories"
                + " and links inside the tree are allowed)");
    }

    static String shown(String s) {
        return win.pvdify.names.Shown.of(s);
    }

    /** Thrown (as an IOException, so it crosses the tar reader) when the upload passes its limit: 413. */
    public static final class TooLarge extends IOException {
        public TooLarge(String message) {
            super(message, null);
        }
    }

    /** Counts bytes and throws TooLarge past the limit. */
    private static final class Limited extends FilterInputStream {
        private final long max;
        private final String message;
        private long count;

        Limited(InputStream in, long max, String message) {
            super(in);
            this.max = max;
            this.message = message;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            add(s);
            return s;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        private void add(long n) throws TooLarge {
            count += n;
            if (count > max) {
                throw new TooLarge(message);
            }
        }
    }

    /** The tar writer closes its stream at the end; the caller owns out. */
    private static final class NoClose extends java.io.FilterOutputStream {
        NoClose(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

}
