package win.pvdify.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import win.pvdify.TestDaemon;
import win.pvdify.addon.Addon;
import win.pvdify.addon.AddonContainer;
import win.pvdify.addon.AddonContainers;
import win.pvdify.addon.AddonRuntime;
import win.pvdify.api.AttachAddon;
import win.pvdify.api.CreateAddon;
import win.pvdify.api.CreateApp;
import win.pvdify.api.client.PvdifyClient;
import win.pvdify.container.LogDriver;
import win.pvdify.container.RestartPolicy;

/**
 * The add-on routes against the real daemon (SQLite, operation queue, config releases) with a recording
 * AddonRuntime (the real one, Podman, is AddonFallbackIT's): which containers it is handed, which config vars the
 * apps get, and bad input (422, 404, 400, 409), never a 500.
 */
class AddonApiTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final RecordingAddons runtime = new RecordingAddons();
    private TestDaemon t;
    private PvdifyClient api;

    static final class RecordingAddons implements AddonRuntime {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());

        @Override
        public AddonContainer container(Addon addon, String password) {
            return AddonContainers.of(addon, password, LogDriver.K8S_FILE, RestartPolicy.onFailure(5),
                    java.nio.file.Path.of("/run/pvdify/env/x.env"));
        }

        @Override
        public String network(String app) {
            return "pvdify-" + app;
        }

        @Override
        public void apply(AddonContainer c) {
            calls.add("apply " + c.spec().name() + " " + c.networks());
        }

        @Override
        public void revive(AddonContainer container) {
        }

        @Override
        public void restart(String container) {
            calls.add("restart " + container);
        }

        @Override
        public void destroy(String container, String volume) {
            calls.add("destroy " + container + " " + volume);
        }

        @Override
        public String state(String container) {
            return "running";
        }

        @Override
        public String subnet(String network, String app) {
            return network.equals("pvdify-shop") ? "10.213.1.0/24" : "10.213.2.0/24";
        }
    }

    @BeforeEach
    void start() {
        t = new TestDaemon(b -> b.addons(p -> runtime));
        api = t.admin();
        api.createApp(new CreateApp("shop", null));
        api.createApp(new CreateApp("admin-site", null));
    }

    @AfterEach
    void stop() {
        t.close();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(t.daemon.baseUrl() + "/api/v1" + path))
                .header("Authorization", "Bearer " + t.adminToken).header("Content-Type", "application/json");
        b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.method(method, HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitVar(String app, String var, boolean present) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (api.config(app).vars().containsKey(var) != present) {
            if (System.nanoTime() > end) {
                throw new AssertionError(var + (present ? " never set in " : " never unset in ") + app);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void createAttachDetachDestroyRunTheContainerAndSetTheVars() throws Exception {
        var db = api.createAddon("shop", new CreateAddon("postgres", null, null, null));
        assertEquals("shop-postgres", db.name());
        assertEquals("16", db.version());
        assertEquals("docker.io/library/postgres:16", db.image());
        assertEquals(List.of("apply pvdify-addon-shop-postgres {pvdify-shop=10.213.1.254}"), runtime.calls);
        awaitVar("shop", "DATABASE_URL", true);
        String url = api.config("shop").vars().get("DATABASE_URL");
        assertTrue(url.matches("postgres://pvdify:[0-9a-f]{48}@10\\.213\\.1\\.254:5432/pvdify"), url);
        assertEquals("postgres://pvdify:*****@10.213.1.254:5432/pvdify", db.attachments().get(0).url());

        // a second postgres of the same app gets its own var and the next address
        var second = api.createAddon("shop", new CreateAddon("postgres", "shop-replica", null, "15"));
        assertEquals("SHOP_REPLICA_URL", second.attachments().get(0).var());
        assertTrue(runtime.calls.getLast().contains("10.213.1.253"), runtime.calls::toString);

        var shared = api.attachAddon("shop-postgres", new AttachAddon("admin-site", "shop-db"));
        assertEquals(List.of("shop", "admin-site"), shared.attachments().stream().map(a -> a.app()).toList());
        assertEquals("apply pvdify-addon-shop-postgres {pvdify-admin-site=10.213.2.254, pvdify-shop=10.213.1.254}",
                runtime.calls.getLast());
        awaitVar("admin-site", "SHOP_DB_URL", true);
        assertEquals(2, api.addons("shop").size());
        assertEquals(1, api.addons("admin-site").size());

        api.detachAddon("shop-postgres", "admin-site");
        awaitVar("admin-site", "SHOP_DB_URL", false);
        assertEquals("apply pvdify-addon-shop-postgres {pvdify-shop=10.213.1.254}", runtime.calls.getLast());

        api.restartAddon("shop-postgres");
        assertEquals("restart pvdify-addon-shop-postgres", runtime.calls.getLast());

        assertEquals(400, send("DELETE", "/addons/shop-postgres", null).statusCode());
        assertEquals(400, send("DELETE", "/addons/shop-postgres?confirm=shop-replica", null).statusCode());
        api.destroyAddon("shop-postgres", "shop-postgres");
        assertEquals("destroy pvdify-addon-shop-postgres pvdify-addon-shop-postgres-data", runtime.calls.getLast());
        awaitVar("shop", "DATABASE_URL", false);
        assertEquals(List.of("shop-replica"), api.addons().stream().map(a -> a.name()).toList());
    }

    @Test
    void aRollbackToBeforeTheAttachKeepsTheUrl() throws Exception {
        api.deploy("shop", new win.pvdify.api.DeployRequest("example.com/shop:1", null));
        api.setConfig("shop", java.util.Map.of("A", "1"));
        api.createAddon("shop", new CreateAddon("postgres", null, null, null));
        awaitVar("shop", "DATABASE_URL", true);
        String url = api.config("shop").vars().get("DATABASE_URL");
        api.rollback("shop", 1); // v1 knew neither A nor the add-on
        var config = api.config("shop").vars();
        assertEquals(url, config.get("DATABASE_URL"), "the add-on stays the app's");
        assertFalse(config.containsKey("A"), "the rest of the config is v1's");
        api.detachAddon("shop-postgres", "shop");
        awaitVar("shop", "DATABASE_URL", false);
        api.rollback("shop", 1);
        assertFalse(api.config("shop").vars().containsKey("DATABASE_URL"), "a detached add-on is not brought back");
    }

    @Test
    void badInputGetsAClear4xx() throws Exception {
        String[][] cases = {
            {"POST", "/apps/shop/addons", "{\"kind\":\"mysql\"}", "422", "kind must be postgres or redis"},
            {"POST", "/apps/shop/addons", "{}", "422", "kind must be"},
            {"POST", "/apps/shop/addons", "{\"kind\":\"postgres\",\"version\":\"9\"}", "422", "unknown postgres version"},
            {"POST", "/apps/shop/addons", "{\"kind\":\"redis\",\"version\":\"16\"}", "422", "unknown redis version"},
            {"POST", "/apps/shop/addons", "{\"kind\":\"postgres\",\"name\":\"Bad_Name\"}", "422", "DNS label"},
            {"POST", "/apps/shop/addons", "{\"kind\":\"postgres\",\"name\":\"../etc\"}", "422", "DNS label"},
            {"POST", "/apps/shop/addons", "{\"kind\":\"postgres\",\"name\":\"" + "a".repeat(5000) + "\"}", "422", "at most 30"},
            {"POST", "/apps/shop/addons", "{\"kind\":\"postgres\",\"as\":\"X\\nY\"}", "422", "as must be"},
            {"POST", "/apps/shop/addons", "{\"kind\":\"postgres\",\"as\":\"$(reboot)\"}", "422", "as must be"},
            {"POST", "/apps/shop/addons", "not json", "400", ""},
            {"POST", "/apps/shop/addons", "{\"kind\":[1]}", "422", "kind must be a string"},
            {"POST", "/apps/nope/addons", "{\"kind\":\"postgres\"}", "404", "no app"},
            {"GET", "/addons/nope", null, "404", "no add-on"},
            {"GET", "/addons/..%2F..%2Fetc", null, "404", ""},
            {"POST", "/addons/nope/attachments", "{\"app\":\"shop\"}", "404", "no add-on"},
            {"DELETE", "/addons/nope?confirm=nope", null, "404", "no add-on"},
        };
        for (String[] c : cases) {
            var res = send(c[0], c[1], c[2]);
            assertEquals(Integer.parseInt(c[3]), res.statusCode(), c[1] + " " + c[2] + ": " + res.body());
            assertTrue(res.body().contains(c[4]), res.body());
        }
        api.createAddon("shop", new CreateAddon("redis", "cache", null, null));
        var dup = send("POST", "/apps/shop/addons", "{\"kind\":\"redis\",\"name\":\"cache\"}");
        assertEquals(409, dup.statusCode(), dup.body());
        var res = send("POST", "/addons/cache/attachments", "{\"app\":\"no-such-app\"}");
        assertEquals(404, res.statusCode(), res.body());
        res = send("POST", "/addons/cache/attachments", "{\"app\":\"shop\"}");
        assertEquals(409, res.statusCode(), res.body());
        res = send("DELETE", "/addons/cache/attachments/admin-site", null);
        assertEquals(404, res.statusCode(), res.body());
        assertFalse(res.body().contains("Exception"), res.body());
    }

    @Test
    void deployTokensCannotTouchAddons() throws Exception {
        var token = api.createToken(new win.pvdify.api.CreateToken("deploy", "shop", null));
        var res = http.send(HttpRequest.newBuilder(URI.create(t.daemon.baseUrl() + "/api/v1/apps/shop/addons"))
                .header("Authorization", "Bearer " + token.secret()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, res.statusCode(), res.body());
    }
}
