package win.pvdify.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import win.pvdify.RecordingRuntime;
import win.pvdify.TestDaemon;
import win.pvdify.api.AddDomain;
import win.pvdify.api.ApiJson;
import win.pvdify.api.AuditEntry;
import win.pvdify.api.CreateApp;
import win.pvdify.api.CreateToken;
import win.pvdify.api.CreatedToken;
import win.pvdify.api.DeployRequest;
import win.pvdify.api.FormationEntry;
import win.pvdify.api.client.ApiException;
import win.pvdify.api.client.PvdifyClient;

/**
 * The audit log over HTTP against the real daemon and its SQLite file: a scripted session of changes by two
 * tokens, each recorded once with the right token, route, app, operation and status; reads not recorded; no
 * secret value anywhere in it; filters and paging; junk filters 400; admins only; rows that cannot be changed.
 */
class AuditLogTest {
    private static final String SECRET_VALUE = "s3cr3t-Value-that-must-never-show";
    private static final String REGISTRY_PASSWORD = "registry-Password-never-shown";
    private final HttpClient http = HttpClient.newHttpClient();
    private TestDaemon t;
    private PvdifyClient admin;
    private String adminId;

    @BeforeEach
    void start() {
        t = new TestDaemon(b -> b.runtime(p -> new RecordingRuntime(p.ledger())));
        admin = t.admin();
        adminId = admin.whoami().tokenId();
    }

    @AfterEach
    void stop() {
        t.close();
    }

    private HttpResponse<String> send(String method, String path, String body, String token,
                                      String forwardedFor) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(t.daemon.baseUrl() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (forwardedFor != null) {
            b.header("X-Forwarded-For", forwardedFor);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aScriptedSessionIsRecordedCallByCallWithTheRightTokenAndNoSecret() throws Exception {
        admin.createApp(new CreateApp("obs-shop", null));
        admin.setConfig("obs-shop", Map.of("API_KEY", SECRET_VALUE));
        admin.deploy("obs-shop", new DeployRequest("nginx:1.27", null));
        CreatedToken deploy = admin.createToken(new CreateToken("deploy", "obs-shop", "ci bot"));
        PvdifyClient ci = t.client(deploy.secret());
        ci.deploy("obs-shop", new DeployRequest("nginx:1.28", null));
        assertEquals(403, assertThrows(ApiException.class,
                () -> ci.setConfig("obs-shop", Map.of("X", "y"))).status());
        admin.scale("obs-shop", List.of(new FormationEntry("web", 2, null)));
        admin.addDomain("obs-shop", new AddDomain("www.obs-shop.example", null, null));
        assertEquals(422, assertThrows(ApiException.class,
                () -> admin.setConfig("obs-shop", Map.of("bad key", "v"))).status());
        admin.addRegistry("ghcr.io", "bot", REGISTRY_PASSWORD);
        admin.apps();
        admin.config("obs-shop"); // reads are not recorded
        admin.unsetConfig("obs-shop", "API_KEY");
        admin.revokeToken(deploy.token().id());

        // the client waits for each operation (?wait=true): the blocking answers' statuses
        List<AuditEntry> all = admin.audit(null, null, null, 100);
        List<String> calls = all.reversed().stream()
                .map(e -> e.method() + " " + e.route() + " " + e.status() + " " + e.tokenKind()).toList();
        assertEquals(List.of(
                "POST /apps 201 admin",
                "PUT /apps/{name}/config 200 admin",
                "POST /apps/{name}/releases 201 admin",
                "POST /tokens 201 admin",
                "POST /apps/{name}/releases 201 deploy",
                "PUT /apps/{name}/config 403 deploy",
                "POST /apps/{name}/ps/scale 200 admin",
                "POST /apps/{name}/domains 201 admin",
                "PUT /apps/{name}/config 422 admin",
                "POST /registries 201 admin",
                "DELETE /apps/{name}/config/{key} 200 admin",
                "DELETE /tokens/{id} 204 admin"), calls,
                String.join("\n", calls));

        AuditEntry created = all.getLast();
        assertEquals("obs-shop", created.app());
        assertEquals(adminId, created.tokenId());
        assertEquals("first admin token", created.tokenName());
        assertEquals("ok", created.outcome());
        assertEquals("Create app obs-shop (production)", created.detail());
        assertEquals("127.0.0.1", created.sourceIp());

        AuditEntry ciDeploy = all.stream().filter(e -> e.tokenKind().equals("deploy") && e.status() < 300)
                .findFirst().orElseThrow();
        assertEquals(deploy.token().id(), ciDeploy.tokenId());
        assertEquals("ci bot", ciDeploy.tokenName());
        assertEquals("obs-shop", ciDeploy.app());
        assertTrue(ciDeploy.operationId() != null && "succeeded".equals(ciDeploy.operationState()),
                ciDeploy.toString());
        assertEquals("/api/v1/apps/obs-shop/releases", ciDeploy.path());
        AuditEntry refused = all.stream().filter(e -> e.status() == 403).findFirst().orElseThrow();
        assertEquals("refused", refused.outcome());
        assertNull(refused.operationId());
        AuditEntry unset = all.stream().filter(e -> "/apps/{name}/config/{key}".equals(e.route()))
                .findFirst().orElseThrow();
        assertEquals("/api/v1/apps/obs-shop/config/API_KEY", unset.path());

        String everything = new String(new ApiJson().write(all), java.nio.charset.StandardCharsets.UTF_8);
        assertFalse(everything.contains(SECRET_VALUE), everything);
        assertFalse(everything.contains(REGISTRY_PASSWORD), everything);
        assertFalse(everything.contains(deploy.secret()), everything);
        assertFalse(everything.contains(t.adminToken), everything);
    }

    @Test
    void theClientAddressIsTheForwardedOneOnlyFromTheLocalProxy() throws Exception {
        assertEquals(201, send("POST", "/api/v1/apps", "{\"name\":\"obs-fwd\"}", t.adminToken,
                "203.0.113.9, 198.51.100.7").statusCode());
        assertEquals("198.51.100.7", admin.audit(null, null, null, 1).getFirst().sourceIp());
        // junk in the header: the peer stands
        assertEquals(202, send("PUT", "/api/v1/apps/obs-fwd/config", "{\"A\":\"b\"}", t.adminToken,
                "<script>").statusCode());
        assertEquals("127.0.0.1", admin.audit(null, null, null, 1).getFirst().sourceIp());
        assertEquals("127.0.0.1", AuditTrail.sourceIp("127.0.0.1", null));
        assertEquals("192.0.2.1", AuditTrail.sourceIp("192.0.2.1", "10.0.0.1")); // not from loopback
        assertEquals("2001:db8::1", AuditTrail.sourceIp("0:0:0:0:0:0:0:1", "2001:db8::1"));
    }

    @Test
    void unmatchedRoutesAndHostilePathsAreRecordedPrintableAndShort() throws Exception {
        String longName = "x".repeat(2000);
        assertEquals(404, send("DELETE", "/api/v1/nothing/" + longName + "%0A%1B", null, t.adminToken, null)
                .statusCode());
        assertEquals(405, send("PATCH", "/api/v1/tokens", "{}", t.adminToken, null).statusCode());
        List<AuditEntry> entries = admin.audit(null, null, null, 10);
        assertEquals(2, entries.size(), entries.toString());
        AuditEntry notFound = entries.get(1);
        assertNull(notFound.route());
        assertEquals(AuditTrail.MAX_PATH + 3, notFound.path().length());
        assertTrue(notFound.path().chars().allMatch(c -> c >= 0x20 && c != 0x7f));
        // an unknown token changes nothing and leaves no row (anyone could fill the disk)
        assertEquals(401, send("POST", "/api/v1/apps", "{\"name\":\"obs-anon\"}", "not-a-token", null)
                .statusCode());
        assertEquals(2, admin.audit(null, null, null, 10).size());
    }

    @Test
    void filtersPageAndRefuseJunk() throws Exception {
        admin.createApp(new CreateApp("obs-a", null));
        admin.createApp(new CreateApp("obs-b", null));
        admin.setConfig("obs-a", Map.of("K", "v"));
        admin.setConfig("obs-b", Map.of("K", "v"));
        assertEquals(List.of("obs-a", "obs-a"), admin.audit("obs-a", null, null, 100).stream()
                .map(AuditEntry::app).toList());
        List<AuditEntry> first = admin.audit(null, "1h", null, 3);
        assertEquals(3, first.size());
        List<AuditEntry> next = admin.audit(null, null, first.getLast().id(), 3);
        assertEquals(1, next.size());
        assertTrue(next.getFirst().id() < first.getLast().id());
        assertEquals(0, admin.audit(null, "2099-01-01T00:00:00Z", null, 10).size());

        for (String junk : new String[] {"since=yesterday", "since=-1h", "since=99999999999d", "limit=0",
            "limit=1001", "limit=abc", "before=0", "before=-5", "before=99999999999", "app=Not_An_App",
            "app=" + "a".repeat(500), "since=%00"}) {
            HttpResponse<String> r = send("GET", "/api/v1/audit?" + junk, null, t.adminToken, null);
            assertEquals(400, r.statusCode(), junk + ": " + r.body());
            assertTrue(r.body().contains("\"error\""), r.body());
        }
        CreatedToken deploy = admin.createToken(new CreateToken("deploy", "obs-a", null));
        assertEquals(403, send("GET", "/api/v1/audit", null, deploy.secret(), null).statusCode());
        assertEquals(401, send("GET", "/api/v1/audit", null, "nope", null).statusCode());
    }

    @Test
    void theDatabaseRefusesToChangeOrDeleteRows() {
        admin.createApp(new CreateApp("obs-rows", null));
        admin.deleteApp("obs-rows");
        var db = t.daemon.store().db();
        RuntimeException update = assertThrows(RuntimeException.class,
                () -> db.write(ctx -> ctx.execute("UPDATE audit_log SET token_id = 'someone-else'")));
        assertTrue(update.getMessage().contains("append-only"), update.getMessage());
        assertThrows(RuntimeException.class, () -> db.write(ctx -> ctx.execute("DELETE FROM audit_log")));
        // the rows outlive their app
        assertEquals(List.of("DELETE /apps/{name}", "POST /apps"), admin.audit("obs-rows", null, null, 10).stream()
                .map(e -> e.method() + " " + e.route()).toList());
    }
}
