package win.pvdify.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Packs a source directory as a tar.gz for `deploy --source`: regular files (executable bits kept) and symlinks,
 * minus what .gitignore and .pvdifyignore leave out. Long paths get a PAX header. Sorted, so the same tree packs
 * the same way.
 */
final class SourcePack {
    private SourcePack() {
    }

    /** What was packed. */
    record Packed(int files, long bytes) {
    }

    static Packed pack(Path dir, OutputStream raw) throws IOException {
        SourceIgnore ignore = new SourceIgnore();
        for (String name : List.of(".gitignore", ".pvdifyignore")) {
            Path f = dir.resolve(name);
            if (Files.isRegularFile(f)) {
                ignore.add(Files.readString(f));
            }
        }
        List<Path> paths = new ArrayList<>();
        collect(dir, dir, ignore, paths);
        int files = 0;
        long bytes = 0;
        try (GZIPOutputStream gz = new GZIPOutputStream(raw)) {
            for (Path p : paths) {
                String name = dir.relativize(p).toString().replace('\\', '/');
                if (Files.isSymbolicLink(p)) {
                    header(gz, name, '2', 0777, 0, Files.readSymbolicLink(p).toString().replace('\\', '/'));
                } else {
                    long size = Files.size(p);
                    header(gz, name, '0', Files.isExecutable(p) ? 0755 : 0644, size, "");
                    try (var in = Files.newInputStream(p)) {
                        in.transferTo(gz);
                    }
                    pad(gz, size);
                    bytes += size;
                }
                files++;
            }
            gz.write(new byte[1024]); // two zero blocks end the archive
        }
        return new Packed(files, bytes);
    }

    private static void collect(Path root, Path dir, SourceIgnore ignore, List<Path> out) throws IOException {
        List<Path> children;
        try (Stream<Path> s = Files.list(dir)) {
            children = s.sorted().toList();
        }
        for (Path p : children) {
            String rel = root.relativize(p).toString().replace('\\', '/');
            boolean isDir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
            if (ignore.ignored(rel, isDir)) {
                continue;
            }
            if (isDir) {
                collect(root, p, ignore, out);
            } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(p)) {
                out.add(p);
            }
        }
    }

    private static void header(OutputStream out, String name, char type, int mode, long size, String link)
            throws IOException {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        byte[] l = link.getBytes(StandardCharsets.UTF_8);
        if (n.length > 100 || l.length > 100) {
            StringBuilder pax = new StringBuilder();
            pax.append(record("path", name));
            if (l.length > 100) {
                pax.append(record("linkpath", link));
            }
            byte[] body = pax.toString().getBytes(StandardCharsets.UTF_8);
            block(out, "././@PaxHeader", 'x', 0644, body.length, "");
            out.write(body);
            pad(out, body.length);
        }
        block(out, name, type, mode, size, link);
    }

    /** A PAX record: "LEN key=value\n", LEN counting itself. */
    static String record(String key, String value) {
        int rest = key.length() + value.getBytes(StandardCharsets.UTF_8).length + 3;
        int len = rest + String.valueOf(rest).length();
        if (String.valueOf(len).length() != String.valueOf(rest).length()) {
            len++;
        }
        return len + " " + key + "=" + value + "\n";
    }

    private static void block(OutputStream out, String name, char type, int mode, long size, String link)
            throws IOException {
        byte[] h = new byte[512];
        put(h, 0, 100, name);
        put(h, 100, 8, octal(mode, 7));
        put(h, 108, 8, octal(0, 7));
        put(h, 116, 8, octal(0, 7));
        put(h, 124, 12, octal(size, 11));
        put(h, 136, 12, octal(0, 11));
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        h[156] = (byte) type;
        put(h, 157, 100, link);
        put(h, 257, 6, "ustar");
        h[262] = 0;
        put(h, 263, 2, "00");
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, 7, octal(sum, 6));
        h[155] = ' ';
        out.write(h);
    }

    private static void put(byte[] h, int at, int len, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, h, at, Math.min(len, b.length));
    }

    private static String octal(long v, int digits) {
        String o = Long.toOctalString(v);
        return "0".repeat(Math.max(0, digits - o.length())) + o;
    }

    private static void pad(OutputStream out, long size) throws IOException {
        int rem = (int) (size % 512);
        if (rem != 0) {
            out.write(new byte[512 - rem]);
        }
    }
}
