package win.pvdify.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import win.pvdify.api.Addon;
import win.pvdify.api.AddonBackup;
import win.pvdify.api.AttachAddon;
import win.pvdify.api.CreateAddon;
import win.pvdify.api.CreateApp;
import win.pvdify.api.DeployRequest;
import win.pvdify.api.FormationEntry;
import win.pvdify.api.Run;
import win.pvdify.api.RunRequest;
import win.pvdify.api.client.ApiException;
import win.pvdify.api.client.PvdifyClient;

/**
 * Add-ons end to end on the fallback runtime (pvdifyd's own Podman service, app networks on, the add-on images
 * built from Debian's packages by scripts/addon-images.sh): a postgres add-on reached by an app's one-off runs
 * through DATABASE_URL (the app's image is the postgres test image, so psql is in it), its data surviving an
 * add-on restart, a redeploy and a rollback; another app cannot reach it until attached; detach and destroy
 * leave no var, container, volume or backup; a redis add-on answers on REDIS_URL from the app's network; a backup
 * is encrypted on disk, downloads as pg_dump's format, brings dropped rows back, and a corrupt one is refused
 * before the database is touched; pg:psql and redis:cli sessions run through the API (the one-off attach).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StopAfterFailure.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AddonFallbackIT {
    static final String APP = "add-a";
    static final String OTHER = "add-b";
    static final String DB = "add-db";
    static final String PG_IMAGE = "localhost/pvdify-test/postgres:15";
    static final String REDIS_IMAGE = "localhost/pvdify-test/redis:7";
    static final String NET_PREFIX = "e2eadd-";
    PodmanService podmanService;
    PvdifyDaemon daemon;
    PvdifyClient api;

    @BeforeAll
    void boot() {
        Path work = Repo.workDir("addon-fallback");
        Repo.pvdifydJar();
        podmanService = PodmanService.start("addon", work);
        List<String> images = new ArrayList<>(List.of(Repo.script("addon-images.sh")));
        images.addAll(podmanService.podmanCommand());
        Cmd.ok(images);
        daemon = new PvdifyDaemon(List::of, work, Map.ofEntries(
                Map.entry("--supervisor", "podman"),
                Map.entry("--podman-socket", podmanService.socket().toString()),
                Map.entry("--unit-dir", work.resolve("units").toString()),
                Map.entry("--env-dir", "/run/pvdify-e2e-addon/env"),
                Map.entry("--port-range", "47200-47299"),
                Map.entry("--base-domain", "e2e.test"),
                Map.entry("--caddy-admin-url", "off"),
                Map.entry("--network-prefix", NET_PREFIX),
                Map.entry("--network-pool", "10.214.0.0/16"),
                Map.entry("--addon-postgres-image", PG_IMAGE),
                Map.entry("--addon-redis-image", REDIS_IMAGE)), Map.of());
        daemon.start();
        api = daemon.client();
        for (String app : List.of(APP, OTHER)) {
            api.createApp(new CreateApp(app, null));
            // No web dyno: the image is the database's own (for psql in one-off runs), it serves no HTTP.
            api.scale(app, List.of(new FormationEntry("web", 0, null)));
            api.deploy(app, new DeployRequest(PG_IMAGE, "psql image"));
        }
    }

    @AfterAll
    void shutdown() {
        try {
            if (daemon != null) {
                daemon.close();
            }
        } finally {
            if (podmanService != null) {
                podmanService.close();
            }
        }
    }

    @Test
    @Order(1)
    void badInputIsRefusedWithTheReason() {
        assertEquals(422, status(() -> api.createAddon(APP, new CreateAddon("mysql", null, null, null))));
        assertEquals(422, status(() -> api.createAddon(APP, new CreateAddon("postgres", null, null, "9"))));
        assertEquals(422, status(() -> api.createAddon(APP, new CreateAddon("postgres", "Bad_Name", null, null))));
        assertEquals(404, status(() -> api.createAddon("add-none", new CreateAddon("postgres", null, null, null))));
        assertTrue(api.addons().isEmpty());
    }

    @Test
    @Order(2)
    void anAppsRunsReachItsDatabaseThroughDatabaseUrl() {
        Addon db = api.createAddon(APP, new CreateAddon("postgres", DB, null, null));
        assertEquals("15", db.version());
        assertEquals(PG_IMAGE, db.image());
        assertEquals("running", db.state());
        assertEquals("DATABASE_URL", db.attachments().get(0).var());
        assertTrue(db.attachments().get(0).url().contains(":*****@"), db.toString());
        Poll.until("DATABASE_URL in " + APP + "'s config", Duration.ofSeconds(60),
                () -> api.config(APP).vars().containsKey("DATABASE_URL"));
        String url = api.config(APP).vars().get("DATABASE_URL");
        assertTrue(url.startsWith("postgres://pvdify:"), url);
        // The first runs may come before postgres finished its initdb: retried until it answers.
        Poll.until("a table created through DATABASE_URL", Duration.ofSeconds(90), () -> psql(APP,
                "CREATE TABLE IF NOT EXISTS kept (v text); INSERT INTO kept VALUES ('still-here')") == 0);
        assertEquals(0, expectRow(APP));
        assertEquals(1, podmanService.podman("volume", "ls", "-q", "--filter", "name=pvdify-addon-" + DB + "-data")
                .lines().filter(l -> !l.isBlank()).count());
    }

    @Test
    @Order(3)
    void anotherAppCannotReachItUntilAttached() {
        String url = api.config(APP).vars().get("DATABASE_URL");
        assertNotEquals(0, run(OTHER, "timeout 8 psql '" + url + "' -tAc 'SELECT 1'"));
        Addon db = api.attachAddon(DB, new AttachAddon(OTHER, null));
        assertEquals(2, db.attachments().size());
        Poll.until("DATABASE_URL in " + OTHER + "'s config", Duration.ofSeconds(60),
                () -> api.config(OTHER).vars().containsKey("DATABASE_URL"));
        Poll.until(OTHER + " reads the row", Duration.ofSeconds(60), () -> expectRow(OTHER) == 0);
    }

    @Test
    @Order(4)
    void dataSurvivesAnAddonRestartARedeployAndARollback() {
        api.restartAddon(DB);
        Poll.until("the row after an add-on restart", Duration.ofSeconds(60), () -> expectRow(APP) == 0);
        api.deploy(APP, new DeployRequest(PG_IMAGE, "redeploy"));
        Poll.until("the row after a redeploy", Duration.ofSeconds(60), () -> expectRow(APP) == 0);
        api.rollback(APP, null);
        assertTrue(api.config(APP).vars().containsKey("DATABASE_URL"));
        Poll.until("the row after a rollback", Duration.ofSeconds(60), () -> expectRow(APP) == 0);
        assertEquals("running", api.addon(DB).state());
    }

    @Test
    @Order(5)
    void detachRemovesTheVarAndTheWay() {
        String url = api.config(OTHER).vars().get("DATABASE_URL");
        Addon db = api.detachAddon(DB, OTHER);
        assertEquals(1, db.attachments().size());
        Poll.until("DATABASE_URL gone from " + OTHER, Duration.ofSeconds(60),
                () -> !api.config(OTHER).vars().containsKey("DATABASE_URL"));
        Poll.until("the add-on back on " + APP + "'s network only", Duration.ofSeconds(60),
                () -> expectRow(APP) == 0);
        assertNotEquals(0, run(OTHER, "timeout 8 psql '" + url + "' -tAc 'SELECT 1'"));
    }

    @Test
    @Order(6)
    void aBackupIsEncryptedAtRestAndARestoreBringsTheRowsBack() throws Exception {
        List<AddonBackup> list = api.captureBackup(DB);
        AddonBackup b = list.get(0);
        assertEquals("succeeded", b.state(), b.toString());
        Path file = daemon.dataDir().resolve("backups").resolve(DB).resolve(b.id() + ".backup");
        byte[] onDisk = Files.readAllBytes(file);
        assertEquals(b.bytes().longValue(), onDisk.length);
        String disk = new String(onDisk, StandardCharsets.ISO_8859_1);
        // pg_dump's custom format starts with PGDMP and names the table: neither is on disk
        assertFalse(disk.contains("PGDMP") || disk.contains("kept") || disk.contains("still-here"));
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        api.downloadBackup(DB, b.id(), plain);
        String dump = plain.toString(StandardCharsets.ISO_8859_1);
        assertTrue(dump.startsWith("PGDMP") && dump.contains("kept"), dump.substring(0, Math.min(dump.length(), 40)));

        assertEquals(0, psql(APP, "DROP TABLE kept"));
        assertNotEquals(0, expectRow(APP));
        api.restoreBackup(DB, b.id());
        assertEquals(0, expectRow(APP), "the rows are back");

        // A corrupt file: the restore fails with the reason before it touches the database.
        assertEquals(0, psql(APP, "INSERT INTO kept VALUES ('after-backup')"));
        onDisk[onDisk.length / 2] ^= 0x5a;
        Files.write(file, onDisk);
        ApiException e = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class,
                () -> api.restoreBackup(DB, b.id()));
        assertTrue(e.getMessage().contains("does not decrypt"), e.getMessage());
        assertEquals(0, run(APP, "test \"$(psql \"$DATABASE_URL\" -tAc 'SELECT count(*) FROM kept')\" = 2"),
                "the database was not touched");
        assertEquals(404, status(() -> api.restoreBackup(DB, 999)));
    }

    @Test
    @Order(7)
    void pgPsqlIsAClientSessionThroughTheApi() {
        Run run = api.connectAddon(DB, APP, false);
        assertTrue(run.attached() && "created".equals(run.state()), run.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (var conn = api.attachRun(APP, run.number(), 0, 0, out, err)) {
            byte[] sql = "SELECT 'rows: ' || count(*) FROM kept;\n".getBytes(StandardCharsets.UTF_8);
            conn.send(sql, 0, sql.length);
            conn.closeInput();
            assertEquals(0, conn.awaitExit(), err.toString(StandardCharsets.UTF_8));
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("rows: 2"), out.toString(StandardCharsets.UTF_8));
        assertEquals(409, status(() -> api.connectAddon(DB, OTHER, false)), "not attached to " + OTHER);
    }

    @Test
    @Order(8)
    void redisAnswersOnRedisUrlFromTheAppsNetwork() {
        Addon cache = api.createAddon(APP, new CreateAddon("redis", "add-cache", null, null));
        assertEquals("REDIS_URL", cache.attachments().get(0).var());
        Poll.until("REDIS_URL in " + APP + "'s config", Duration.ofSeconds(60),
                () -> api.config(APP).vars().containsKey("REDIS_URL"));
        String url = api.config(APP).vars().get("REDIS_URL");
        // The app image has no redis-cli: the redis image's, on the app's network, like a dyno of it.
        Poll.until("redis PONG", Duration.ofSeconds(60), () -> podmanService.podmanRun("run", "--rm",
                "--runtime", "runc", "--network", NET_PREFIX + APP, REDIS_IMAGE, "redis-cli", "-u", url, "ping")
                .output().contains("PONG"));
        Cmd.Result wrong = podmanService.podmanRun("run", "--rm", "--runtime", "runc", "--network", NET_PREFIX + APP,
                REDIS_IMAGE, "redis-cli", "-u", url.replaceFirst(":[0-9a-f]+@", ":wrong@"), "ping");
        assertFalse(wrong.output().contains("PONG"), wrong.output());
        assertEquals(422, status(() -> api.captureBackup("add-cache")));
        // redis:cli's session: the redis image's client on the app's network, through the API
        Run run = api.connectAddon("add-cache", APP, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var conn = api.attachRun(APP, run.number(), 0, 0, out, new ByteArrayOutputStream())) {
            byte[] cmd = "SET k pvdify\nGET k\n".getBytes(StandardCharsets.UTF_8);
            conn.send(cmd, 0, cmd.length);
            conn.closeInput();
            assertEquals(0, conn.awaitExit());
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("pvdify"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    @Order(9)
    void destroyNeedsConfirmationThenLeavesNothing() {
        assertEquals(400, status(() -> {
            api.destroyAddon(DB, "wrong");
            return null;
        }));
        api.destroyAddon(DB, DB);
        api.destroyAddon("add-cache", "add-cache");
        Poll.until("the vars gone", Duration.ofSeconds(60), () -> !api.config(APP).vars().containsKey("DATABASE_URL")
                && !api.config(APP).vars().containsKey("REDIS_URL"));
        assertTrue(api.addons().isEmpty());
        assertEquals("", podmanService.podman("ps", "-a", "-q", "--filter", "label=pvdify.addon").strip());
        assertEquals("", podmanService.podman("volume", "ls", "-q", "--filter", "name=pvdify-addon-").strip());
        assertEquals(404, status(() -> api.addon(DB)));
        assertFalse(Files.exists(daemon.dataDir().resolve("backups").resolve(DB)), "the backups went with it");
    }

    /** Exit code of psql running sql through the app's DATABASE_URL in a one-off run. */
    private int psql(String app, String sql) {
        return run(app, "psql -v ON_ERROR_STOP=1 \"$DATABASE_URL\" -c \"" + sql + "\"");
    }

    /** 0 when the app's run reads the kept row. */
    private int expectRow(String app) {
        return run(app, "test \"$(psql \"$DATABASE_URL\" -tAc 'SELECT v FROM kept')\" = still-here");
    }

    /** Runs a shell line as a detached one-off run of the app; its exit code. */
    private int run(String app, String line) {
        Run r = api.run(app, new RunRequest(List.of("sh", "-c", line), false, false, null, null, 60));
        return Poll.value("run " + r.name() + " of " + app + " ended", Duration.ofSeconds(60),
                () -> api.runInfo(app, r.number()).exitCode());
    }

    private static int status(java.util.function.Supplier<?> call) {
        ApiException e = assertThrows(ApiException.class, call::get);
        return e.status();
    }
}
