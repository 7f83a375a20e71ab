package win.pvdify.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import win.pvdify.dyno.DynoName;

class EnvFilesTest {

    @Test
    void writesPrivateFilesUnderTheRootAndRemovesThem() throws Exception {
        Path root = Path.of("target/envfiles-test").toAbsolutePath();
        var files = new EnvFiles(Path.of("/run/pvdify/env"), root);
        var name = new DynoName("demo", "web", 1, 2);
        Path p = files.write(name, Map.of("PORT", "5000", "GREETING", "hi $there"));
        assertEquals(Path.of("/run/pvdify/env/pvdify-demo.web.1.v2.env"), p);
        Path local = root.resolve("run/pvdify/env/pvdify-demo.web.1.v2.env");
        // 0644 for the dyno's env shim (an unprivileged uid in its user namespace); the 0700 directory keeps
        // every host user but root out
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(local)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(local.getParent())));
        assertEquals("GREETING=hi $there\nPORT=5000\n", Files.readString(local));
        assertEquals(Map.of("PORT", "5000", "GREETING", "hi $there"), files.read(p));
        files.write(name, Map.of("PORT", "5001"));
        assertEquals("PORT=5001\n", Files.readString(local));
        assertTrue(files.exists(p));
        files.remove(p);
        assertFalse(files.exists(p));
        files.remove(p);
    }

    @Test
    void aDirectoryMadeByOthersIsClosedToo() throws Exception {
        Path root = Path.of("target/envfiles-test3").toAbsolutePath();
        Path dir = root.resolve("run/pvdify/env");
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        new EnvFiles(Path.of("/run/pvdify/env"), root).write("api", 1, Map.of("A", "1"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    }

    @Test
    void releaseFilesForTheEngine() {
        Path root = Path.of("target/envfiles-test2").toAbsolutePath();
        var files = new EnvFiles(Path.of("/run/pvdify/env"), root);
        Path v1 = files.write("api", 1, Map.of("A", "1"));
        Path v2 = files.write("api", 2, Map.of("A", "2"));
        Path other = files.write("api-2", 1, Map.of("A", "3"));
        assertEquals(Path.of("/run/pvdify/env/pvdify-api.v1.env"), v1);
        files.delete("api", 1);
        assertFalse(files.exists(v1));
        assertTrue(files.exists(v2));
        files.deleteAll("api");
        assertFalse(files.exists(v2));
        assertTrue(files.exists(other), "another app sharing the prefix keeps its files");
        files.deleteAll("api-2");
    }
}
