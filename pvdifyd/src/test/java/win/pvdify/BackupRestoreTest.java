package win.pvdify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import win.pvdify.api.AddDomain;
import win.pvdify.api.App;
import win.pvdify.api.CreateApp;
import win.pvdify.api.CreateToken;
import win.pvdify.api.DeployRequest;
import win.pvdify.api.Release;
import win.pvdify.backup.BackupArchive;
import win.pvdify.api.client.PvdifyClient;

/**
 * pvdifyd backup while the daemon runs, then restore onto a fresh data dir: apps, releases, config (still
 * decryptable), domains, tokens come back; a wrong keyset, a damaged file or a used data dir change nothing.
 */
class BackupRestoreTest {
    private static final String SECRET = "postgres://user:s3cr3t-backup-value@db/app";

    private record Run(int code, String out, String err) {
    }

    private static Run pvdifyd(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = BackupCommand.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }

    @Test
    void backupWhileRunningThenRestoreOntoAFreshDataDir() throws Exception {
        Path backup;
        String deploySecret;
        String adminToken;
        Path keyset;
        try (TestDaemon a = new TestDaemon(b -> b.runtime(p -> new RecordingRuntime(p.ledger())))) {
            PvdifyClient admin = a.admin();
            adminToken = a.adminToken;
            admin.createApp(new CreateApp("obs-one", null));
            admin.createApp(new CreateApp("obs-two", "staging"));
            admin.setConfig("obs-one", Map.of("DATABASE_URL", SECRET));
            admin.deploy("obs-one", new DeployRequest("nginx:1.27", null));
            admin.addDomain("obs-one", new AddDomain("www.obs-one.example", null, null));
            deploySecret = admin.createToken(new CreateToken("deploy", "obs-one", "ci")).secret();

            backup = a.dataDir.resolveSibling(a.dataDir.getFileName() + "-backup").resolve("pvdify.backup");
            Files.createDirectories(backup.getParent());
            Run made = pvdifyd("backup", "--to", backup.toString(), "--dev", "--data-dir", a.dataDir.toString());
            assertEquals(0, made.code(), made.toString());
            assertTrue(made.out().contains("2 apps, 2 releases, 2 tokens"), made.out());
            assertTrue(made.out().contains("keep a copy of that keyset somewhere else"), made.out());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)));
            byte[] bytes = Files.readAllBytes(backup);
            assertFalse(contains(bytes, "obs-one") || contains(bytes, SECRET) || contains(bytes, adminToken),
                    "the backup is not encrypted");
            assertEquals(List.of("pvdify.backup"), Arrays.stream(backup.getParent().toFile().list()).toList());

            admin.createApp(new CreateApp("obs-later", null)); // after the backup: not in it
            keyset = a.dataDir.resolve("keyset.json");
        }

        Path fresh = TestDaemon.newDataDir();
        // a wrong keyset, a truncated file, a used data dir: refused, nothing written
        Path otherKeyset;
        try (TestDaemon other = new TestDaemon(b -> { })) {
            otherKeyset = other.dataDir.resolve("keyset.json");
        }
        Run wrong = pvdifyd("restore", backup.toString(), "--keyset", otherKeyset.toString(), "--dev",
                "--data-dir", fresh.toString());
        assertEquals(1, wrong.code(), wrong.toString());
        assertTrue(wrong.err().contains("does not decrypt with this keyset") && wrong.err().contains("nothing was "
                + "changed"), wrong.err());
        Path truncated = backup.resolveSibling("truncated.backup");
        byte[] all = Files.readAllBytes(backup);
        Files.write(truncated, Arrays.copyOf(all, all.length - 100));
        Run cut = pvdifyd("restore", truncated.toString(), "--keyset", keyset.toString(), "--dev", "--data-dir",
                fresh.toString());
        assertEquals(1, cut.code(), cut.toString());
        assertTrue(cut.err().contains("truncated or damaged"), cut.err());
        Path junk = backup.resolveSibling("junk.backup");
        Files.writeString(junk, "hello");
        assertTrue(pvdifyd("restore", junk.toString(), "--keyset", keyset.toString(), "--dev", "--data-dir",
                fresh.toString()).err().contains("not a Pvdify backup"));
        assertEquals(List.of(), Arrays.stream(fresh.toFile().list()).toList(), "the fresh data dir was touched");
        Run used = pvdifyd("restore", backup.toString(), "--dev", "--data-dir", keyset.getParent().toString());
        assertTrue(used.code() == 1 && used.err().contains("restore only fills a fresh data dir"), used.toString());
        assertEquals(2, pvdifyd("restore", "--dev").code());
        assertEquals(2, pvdifyd("backup", "--dev").code());
        Run noKeyset = pvdifyd("restore", backup.toString(), "--dev", "--data-dir", fresh.toString());
        assertTrue(noKeyset.code() == 1 && noKeyset.err().contains("no keyset"), noKeyset.toString());

        // a backup whose database this pvdifyd cannot open (here: not SQLite at all) leaves the data dir fresh
        Path notSqlite = backup.resolveSibling("not-sqlite.backup");
        Files.write(notSqlite, BackupArchive.seal(Map.of("pvdify.db", "not a database".getBytes(
                StandardCharsets.UTF_8)), win.pvdify.secrets.SecretBox.fromExistingKeysetFile(keyset)));
        Run badDb = pvdifyd("restore", notSqlite.toString(), "--keyset", keyset.toString(), "--dev", "--data-dir",
                fresh.toString());
        assertEquals(1, badDb.code(), badDb.toString());
        assertTrue(badDb.err().contains("cannot be opened by this pvdifyd"), badDb.err());
        assertEquals(List.of(), Arrays.stream(fresh.toFile().list()).toList(), "the fresh data dir was touched");

        Run restored = pvdifyd("restore", backup.toString(), "--keyset", keyset.toString(), "--dev", "--data-dir",
                fresh.toString());
        assertEquals(0, restored.code(), restored.toString());
        assertArrayEquals(Files.readAllBytes(keyset), Files.readAllBytes(fresh.resolve("keyset.json")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                fresh.resolve("keyset.json"))));

        try (TestDaemon b = new TestDaemon(fresh, w -> w.runtime(p -> new RecordingRuntime(p.ledger())))) {
            assertEquals(adminToken, b.adminToken); // the restored admin-token file, and it works
            PvdifyClient admin = b.admin();
            assertEquals(List.of("obs-one", "obs-two"), admin.apps().stream().map(App::name).toList());
            assertEquals("staging", admin.app("obs-two").environment());
            List<Release> releases = admin.releases("obs-one");
            assertEquals(2, releases.size());
            assertEquals("current", admin.release("obs-one", 2).status());
            assertEquals(SECRET, admin.config("obs-one").vars().get("DATABASE_URL"));
            assertTrue(admin.domains("obs-one").stream().anyMatch(d -> d.hostname().equals("www.obs-one.example")));
            assertEquals("deploy", b.client(deploySecret).whoami().kind());
            assertTrue(admin.audit("obs-one", null, null, 100).size() >= 4);
        }
    }
}
