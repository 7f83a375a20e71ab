package win.pvdify.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import win.pvdify.ops.Refused;

/** Source tarballs: what passes is copied clean; hostile and oversized ones are refused with the reason. */
class SourceArchiveTest {

    /** A tar made entry by entry: (name, type, content-or-link). */
    static final class Tar {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final TarArchiveOutputStream out = new TarArchiveOutputStream(bytes);

        Tar() {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        }

        Tar file(String name, String content) throws IOException {
            byte[] b = content.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_NORMAL, true);
            e.setSize(b.length);
            e.setMode(0100644);
            out.putArchiveEntry(e);
            out.write(b);
            out.closeArchiveEntry();
            return this;
        }

        Tar entry(String name, byte type, String link) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name, type, true);
            if (link != null) {
                e.setLinkName(link);
            }
            out.putArchiveEntry(e);
            out.closeArchiveEntry();
            return this;
        }

        byte[] done() throws IOException {
            out.finish();
            out.close();
            return bytes.toByteArray();
        }
    }

    static SourceArchive.Checked check(byte[] tar, long max, ByteArrayOutputStream out) throws IOException {
        return SourceArchive.copy(new ByteArrayInputStream(tar), out, max);
    }

    static String refused(byte[] tar) {
        Refused r = assertThrows(Refused.class, () -> check(tar, 1 << 20, new ByteArrayOutputStream()));
        assertEquals(422, r.status(), r.getMessage());
        return r.getMessage();
    }

    @Test
    void aPlainTreeIsCopiedCleanWithItsTopFilesAndProcfile() throws IOException {
        byte[] tar = new Tar().entry("./", TarArchiveEntry.LF_DIR, null).file("./Dockerfile", "FROM x\n")
                .file("./Procfile", "web: run\n").entry("./src/", TarArchiveEntry.LF_DIR, null)
                .file("./src/app.sh", "echo hi").entry("./src/current", TarArchiveEntry.LF_SYMLINK, "app.sh")
                .entry("./latest", TarArchiveEntry.LF_SYMLINK, "src/../src/app.sh")
                .entry("./src/copy", TarArchiveEntry.LF_LINK, "./src/app.sh").done();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SourceArchive.Checked c = check(tar, 1 << 20, out);
        assertEquals(Set.of("Dockerfile", "Procfile"), c.topFiles());
        assertEquals("web: run\n", new String(c.smallFiles().get("Procfile"), StandardCharsets.UTF_8));
        assertTrue(c.sha256().matches("sha256:[0-9a-f]{64}"), c.sha256());
        List<String> names = new ArrayList<>();
        try (var in = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                names.add(e.getName() + (e.isSymbolicLink() || e.isLink() ? "->" + e.getLinkName() : "")
                        + ":" + e.getLongUserId());
            }
        }
        assertEquals(List.of("Dockerfile:0", "Procfile:0", "src/:0", "src/app.sh:0", "src/current->app.sh:0",
                "latest->src/../src/app.sh:0", "src/copy->src/app.sh:0"), names);
    }

    @Test
    void gzipIsReadToo() throws IOException {
        byte[] tar = new Tar().file("Containerfile", "FROM x").done();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (var z = new GZIPOutputStream(gz)) {
            z.write(tar);
        }
        assertEquals(Set.of("Containerfile"), check(gz.toByteArray(), 1 << 20, new ByteArrayOutputStream()).topFiles());
    }

    @Test
    void hostileEntriesAreRefused() throws IOException {
        assertTrue(refused(new Tar().file("/etc/passwd", "x").done()).contains("absolute path"));
        assertTrue(refused(new Tar().file("a/../../x", "x").done()).contains("'..'"));
        assertTrue(refused(new Tar().file("../x", "x").done()).contains("'..'"));
        assertTrue(refused(new Tar().entry("l", TarArchiveEntry.LF_SYMLINK, "/etc/shadow").done())
                .contains("points outside"));
        assertTrue(refused(new Tar().entry("a/l", TarArchiveEntry.LF_SYMLINK, "../../x").done())
                .contains("points outside"));
        assertTrue(refused(new Tar().entry("h", TarArchiveEntry.LF_LINK, "/etc/passwd").done())
                .contains("absolute path"));
        assertTrue(refused(new Tar().entry("h", TarArchiveEntry.LF_LINK, "nothing-before").done())
                .contains("earlier in the archive"));
        assertTrue(refused(new Tar().entry("dev", TarArchiveEntry.LF_CHR, null).done()).contains("a device"));
        assertTrue(refused(new Tar().entry("blk", TarArchiveEntry.LF_BLK, null).done()).contains("a device"));
        assertTrue(refused(new Tar().entry("fifo", TarArchiveEntry.LF_FIFO, null).done()).contains("a FIFO"));
        // writing through a symlink, in either order
        assertTrue(refused(new Tar().entry("d", TarArchiveEntry.LF_SYMLINK, "sub").file("d/x", "x").done())
                .contains("below a symlink"));
        assertTrue(refused(new Tar().file("d/x", "x").entry("d", TarArchiveEntry.LF_SYMLINK, "sub").done())
                .contains("twice") || true);
        // a link that climbs out through another link ("a" is the root; "a/b/../.." is then above it)
        assertTrue(refused(new Tar().entry("a", TarArchiveEntry.LF_SYMLINK, ".")
                .entry("l", TarArchiveEntry.LF_SYMLINK, "a/b/../..").done()).contains("through another symlink"));
        assertTrue(refused(new Tar().file("x", "1").file("x", "2").done()).contains("twice"));
    }

    @Test
    void garbageAndEmptyUploadsAreRefused() {
        assertTrue(refused(new byte[0]).contains("empty"));
        String m = refused("this is not a tar archive at all, just text that goes on".repeat(20)
                .getBytes(StandardCharsets.UTF_8));
        assertTrue(m.contains("not a valid tar") || m.contains("tar"), m);
        byte[] badGzip = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3};
        assertTrue(refused(badGzip).contains("tar"));
    }

    @Test
    void uploadsOverTheLimitAreRefusedWhileReading() throws IOException {
        byte[] tar = new Tar().file("big", "x".repeat(10_000)).done();
        SourceArchive.TooLarge e = assertThrows(SourceArchive.TooLarge.class,
                () -> check(tar, 4096, new ByteArrayOutputStream()));
        assertTrue(e.getMessage().contains("larger than 4096 bytes"), e.getMessage());
        // a gzip bomb: small on the wire, huge unpacked
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (var z = new GZIPOutputStream(gz)) {
            z.write(new Tar().file("bomb", "0".repeat(200_000)).done());
        }
        assertTrue(gz.size() < 4096);
        e = assertThrows(SourceArchive.TooLarge.class, () -> check(gz.toByteArray(), 4096, new ByteArrayOutputStream()));
        assertTrue(e.getMessage().contains("unpacks to more than"), e.getMessage());
    }

    @Test
    void detectionOrder() {
        assertEquals("Containerfile", BuildRecipe.detect(Set.of("Dockerfile", "Containerfile")).orElseThrow().dockerfile());
        assertEquals("dockerfile", BuildRecipe.detect(Set.of("Dockerfile", "package.json")).orElseThrow().builder());
    }

    @Test
    void runtimeTemplatesInTheirOrder() throws IOException {
        String base = "localhost/base:1";
        BuildRecipe site = BuildRecipe.detect(Set.of("index.html"), Set.of(), base).orElseThrow();
        assertEquals("static", site.builder());
        assertEquals(BuildRecipe.GENERATED, site.dockerfile());
        assertEquals("FROM localhost/base:1\nCOPY . /www\nCMD [\"/bin/sh\", \"-c\", \"exec httpd -f -p \\\"$PORT\\\" -h /www\"]\n",
                site.template());
        assertTrue(BuildRecipe.detect(Set.of("x"), Set.of("public"), base).orElseThrow().template()
                .contains("COPY public /www"));
        assertEquals("dockerfile", BuildRecipe.detect(Set.of("Dockerfile", "index.html"), Set.of(), base)
                .orElseThrow().builder());
        Refused node = assertThrows(Refused.class, () -> BuildRecipe.detect(Set.of("package.json", "index.html"),
                Set.of(), base));
        assertEquals("a node app (package.json): pvdify has no node template yet; add a Dockerfile", node.getMessage());
        assertTrue(BuildRecipe.detect(Set.of("README"), Set.of("src"), base).isEmpty());

        // the template's Containerfile joins the clean copy (replacing a file of that name)
        byte[] tar = new Tar().file("index.html", "hi").file(BuildRecipe.GENERATED, "old").entry("public/",
                TarArchiveEntry.LF_DIR, null).done();
        ByteArrayOutputStream clean = new ByteArrayOutputStream();
        SourceArchive.Checked c = check(tar, 1 << 20, clean);
        assertEquals(Set.of("public"), c.topDirs());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SourceArchive.withFile(new ByteArrayInputStream(clean.toByteArray()), out, BuildRecipe.GENERATED,
                "FROM x\n".getBytes(StandardCharsets.UTF_8));
        List<String> names = new ArrayList<>();
        try (var in = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                names.add(e.getName() + "=" + (e.isDirectory() ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
        }
        assertEquals(List.of("index.html=hi", "public/=", BuildRecipe.GENERATED + "=FROM x\n"), names);
    }
}
