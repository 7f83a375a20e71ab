package win.pvdify.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import win.pvdify.TestDaemon;
import win.pvdify.api.ConfigVars;
import win.pvdify.api.CreateApp;
import win.pvdify.api.DeployRequest;
import win.pvdify.api.Release;
import win.pvdify.api.client.PvdifyClient;
import win.pvdify.secrets.SecretBox;

/** Store behaviour on real SQLite files under target/. */
class StoreTest {

    @Test
    void configValuesNeverReachTheDiskInPlaintext() throws Exception {
        Path dir = TestDaemon.newDataDir();
        String secret = "PLAINTEXT-CANARY-7f3a9c";
        SecretBox box = SecretBox.fromKeysetFile(dir.resolve("keyset.json"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("keyset.json"))));
        try (Store store = Store.open(dir.resolve("pvdify.db"), box, Clock.systemUTC())) {
            store.apps().insert("sec", "production");
            store.config().createInitial("sec");
            store.config().apply("sec", Map.of("API_KEY", secret));
            store.registries().put("r.example.com", "bot", secret + "-registry");
            assertEquals(secret, store.config().vars("sec", 1).get("API_KEY"));
            // scan while the WAL still holds the pages, then again after the checkpoint on close
            assertNoPlaintext(dir, secret);
        }
        assertNoPlaintext(dir, secret);
    }

    private static void assertNoPlaintext(Path dir, String secret) throws Exception {
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                if (f.getFileName().toString().startsWith("pvdify.db")) {
                    assertFalse(contains(Files.readAllBytes(f), needle), f + " holds the plaintext");
                }
            }
        }
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Test
    void ciphertextIsBoundToAppAndKey() {
        Path dir = TestDaemon.newDataDir();
        SecretBox box = SecretBox.fromKeysetFile(dir.resolve("k.json"));
        byte[] c = box.encrypt("v", "app1", "KEY");
        assertEquals("v", box.decrypt(c, "app1", "KEY"));
        assertThrows(IllegalStateException.class, () -> box.decrypt(c, "app2", "KEY"));
        assertThrows(IllegalStateException.class, () -> box.decrypt(c, "app1", "OTHER"));
        // the same keyset file decrypts after a restart
        assertEquals("v", SecretBox.fromKeysetFile(dir.resolve("k.json")).decrypt(c, "app1", "KEY"));
    }

    @Test
    void fiftyParallelConfigSetsAllSucceedWithSequentialVersions() throws Exception {
        try (TestDaemon t = new TestDaemon(b -> { })) {
            PvdifyClient api = t.admin();
            api.createApp(new CreateApp("busy", null));
            api.deploy("busy", new DeployRequest("nginx", null));
            ExecutorService pool = Executors.newFixedThreadPool(50);
            List<Future<ConfigVars>> results = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int n = i;
                results.add(pool.submit(() -> api.setConfig("busy", Map.of("K" + n, "v" + n))));
            }
            List<Integer> versions = new ArrayList<>();
            for (Future<ConfigVars> f : results) {
                versions.add(f.get(120, TimeUnit.SECONDS).configVersion());
            }
            pool.shutdown();
            assertEquals(50, versions.stream().distinct().count());
            assertEquals(50, api.config("busy").configVersion());
            assertEquals(50, api.config("busy").vars().size());
            List<Release> releases = api.releases("busy");
            assertEquals(51, releases.size());
            assertEquals(51, releases.getFirst().version());
            assertTrue(releases.stream().allMatch(r -> r.status().equals("current") || r.status().equals("superseded")));
        }
    }

    @Test
    void theAppListIsOneQueryWithImageAndHostnamesOfEveryApp() {
        Path dir = TestDaemon.newDataDir();
        try (Store store = Store.open(dir.resolve("pvdify.db"), SecretBox.fromKeysetFile(dir.resolve("keyset.json")),
                Clock.systemUTC())) {
            store.apps().insert("b-app", "production");
            store.apps().insert("a-app", "staging");
            store.config().createInitial("a-app");
            Release r = store.releases().create("a-app", "img:1", 1, "Deploy img:1", "admin", null,
                    Release.Status.CURRENT);
            store.apps().setCurrentRelease("a-app", r.version());
            store.domains().insert("a-app", "z.example.com", win.pvdify.api.Domain.Kind.CUSTOM, null);
            store.domains().insert("a-app", "a-app.pvdify.test", win.pvdify.api.Domain.Kind.DEFAULT, null);
            store.domains().insert("a-app", "m.example.com", win.pvdify.api.Domain.Kind.CUSTOM, null);

            List<AppQueries.ListedApp> listed = store.apps().listWithDetails();

            assertEquals(List.of("a-app", "b-app"), listed.stream().map(l -> l.app().name()).toList());
            assertEquals("img:1", listed.get(0).image());
            assertEquals(store.domains().list("a-app").stream().map(win.pvdify.api.Domain::hostname).toList(),
                    listed.get(0).hostnames(), "same order as the per-app domain list");
            assertEquals(store.apps().find("a-app").orElseThrow(), listed.get(0).app());
            assertEquals(null, listed.get(1).image());
            assertEquals(List.of(), listed.get(1).hostnames());
        }
    }

    @Test
    void readsRunInParallelWhileAWriteIsOpen() throws Exception {
        Path dir = TestDaemon.newDataDir();
        try (Store store = Store.open(dir.resolve("pvdify.db"), SecretBox.fromKeysetFile(dir.resolve("keyset.json")),
                Clock.systemUTC())) {
            store.apps().insert("par", "production");
            java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(2);
            ExecutorService pool = Executors.newFixedThreadPool(3);
            // Two readers hold their connection at once (each waits for the other): one reader would deadlock.
            List<Future<Boolean>> reads = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                reads.add(pool.submit(() -> store.db().read(ctx -> {
                    inside.countDown();
                    try {
                        return inside.await(10, TimeUnit.SECONDS) && store.apps().exists("par");
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                })));
            }
            for (Future<Boolean> f : reads) {
                assertTrue(f.get(20, TimeUnit.SECONDS));
            }
            // A read sees committed data while a write transaction is open on another thread (WAL).
            java.util.concurrent.CountDownLatch writing = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            Future<?> writer = pool.submit(() -> store.db().write(ctx -> {
                writing.countDown();
                try {
                    return release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
            assertTrue(writing.await(10, TimeUnit.SECONDS));
            assertTrue(pool.submit(() -> store.apps().exists("par")).get(10, TimeUnit.SECONDS));
            release.countDown();
            writer.get(10, TimeUnit.SECONDS);
            pool.shutdown();
        }
    }

    @Test
    void reopeningKeepsDataAndDoesNotMakeANewAdminToken() throws Exception {
        Path dir;
        String token;
        try (TestDaemon t = new TestDaemon(b -> { })) {
            dir = t.dataDir;
            token = t.adminToken;
            t.admin().createApp(new CreateApp("keep", null));
        }
        try (win.pvdify.Daemon d = win.pvdify.Daemon.builder(win.pvdify.DaemonConfig.forTests(dir)).build().start()) {
            assertEquals(token, Files.readString(dir.resolve("admin-token")).trim());
            assertEquals("keep", new PvdifyClient(d.baseUrl(), token).apps().getFirst().name());
            assertEquals(1, d.store().tokens().list().size());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("admin-token"))));
        }
    }
}
