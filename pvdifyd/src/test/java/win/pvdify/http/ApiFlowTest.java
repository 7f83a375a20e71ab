package win.pvdify.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import win.pvdify.BuildInfo;
import win.pvdify.RecordingRuntime;
import win.pvdify.TestDaemon;
import win.pvdify.api.AddDomain;
import win.pvdify.api.App;
import win.pvdify.api.ConfigVars;
import win.pvdify.api.CreateApp;
import win.pvdify.api.CreateToken;
import win.pvdify.api.CreatedToken;
import win.pvdify.api.DeployProgress;
import win.pvdify.api.DeployRequest;
import win.pvdify.api.FormationEntry;
import win.pvdify.api.Processes;
import win.pvdify.api.Release;
import win.pvdify.api.UpdateApp;
import win.pvdify.api.client.ApiException;
import win.pvdify.api.client.PvdifyClient;

/** The API's main flows through the real typed client against a real daemon with a recording runtime. */
class ApiFlowTest {
    private TestDaemon t;
    private RecordingRuntime runtime;
    private PvdifyClient api;

    @BeforeEach
    void start() {
        AtomicReference<RecordingRuntime> rt = new AtomicReference<>();
        t = new TestDaemon(b -> b.runtime(p -> {
            rt.set(new RecordingRuntime(p.ledger()));
            return rt.get();
        }));
        runtime = rt.get();
        api = t.admin();
    }

    @AfterEach
    void stop() {
        t.close();
    }

    @Test
    void healthShowsTheBuildVersion() {
        assertEquals("ok", api.health().status());
        assertEquals(BuildInfo.version(), api.health().version());
        assertEquals("admin", api.whoami().kind());
    }

    @Test
    void createDeployConfigRollback() {
        App app = api.createApp(new CreateApp("my-app", null));
        assertEquals("created", app.status());
        assertEquals("production", app.environment());
        assertEquals(List.of("my-app.pvdify.localhost"), app.domains());

        Release v1 = api.deploy("my-app", new DeployRequest("nginx:1.27", null));
        assertEquals(1, v1.version());
        assertEquals("current", v1.status());
        assertEquals("Deploy nginx:1.27", v1.description());
        assertEquals("admin", v1.createdBy());

        ConfigVars c = api.setConfig("my-app", Map.of("DATABASE_URL", "postgres://x"));
        assertEquals(1, c.configVersion());
        assertEquals("Set DATABASE_URL", c.release().description());
        assertEquals(2, c.release().version());
        assertEquals("nginx:1.27", c.release().image());
        assertEquals("current", c.release().status());
        assertEquals("superseded", api.release("my-app", 1).status());

        Release v3 = api.deploy("my-app", new DeployRequest("nginx:1.28", "new nginx"));
        assertEquals("new nginx", v3.description());
        ConfigVars unset = api.unsetConfig("my-app", "DATABASE_URL");
        assertEquals("Unset DATABASE_URL", unset.release().description());
        assertEquals(Map.of(), unset.vars());

        Release rb = api.rollback("my-app", 2);
        assertEquals("Rollback to v2", rb.description());
        assertEquals("nginx:1.27", rb.image());
        assertEquals(1, rb.configVersion());
        assertEquals("current", rb.status());
        assertEquals("rolled_back", api.release("my-app", 4).status());

        Release back = api.rollback("my-app", null);
        assertEquals("Rollback to v4", back.description());
        assertEquals(6, api.releases("my-app").getFirst().version());
        assertEquals(6, api.app("my-app").currentRelease());
        assertTrue(runtime.calls.contains("deploy my-app v6"));
    }

    @Test
    void failedDeployKeepsTheReasonAndTheOldRelease() {
        api.createApp(new CreateApp("shop", "staging"));
        api.deploy("shop", new DeployRequest("nginx:1", null));
        Release bad = api.deploy("shop", new DeployRequest(runtime.failingImage, null));
        assertEquals("failed", bad.status());
        assertTrue(bad.failureReason().contains("health check failed"));
        assertEquals(1, api.app("shop").currentRelease());
        assertEquals("current", api.release("shop", 1).status());
    }

    @Test
    void deployStreamsProgressLines() {
        api.createApp(new CreateApp("streamy", null));
        List<DeployProgress> lines = new ArrayList<>();
        Release r = api.deploy("streamy", new DeployRequest("busybox", null), lines::add);
        assertEquals("current", r.status());
        assertEquals("done", lines.getLast().stage());
        assertTrue(lines.stream().anyMatch(l -> "pull".equals(l.stage())));
    }

    @Test
    void runtimeDownIs503AndTheReleaseIsNotStuck() {
        api.createApp(new CreateApp("downy", null));
        runtime.down = new IllegalStateException("podman socket /run/podman/podman.sock: connection refused");
        ApiException e = assertThrows(ApiException.class, () -> api.deploy("downy", new DeployRequest("nginx", null)));
        assertEquals(503, e.status());
        assertTrue(e.getMessage().contains("connection refused"));
        assertNotNull(e.requestId());
        runtime.down = null;
        assertEquals("failed", api.release("downy", 1).status());
    }

    @Test
    void settingsScaleRestartPsAndDelete() {
        api.createApp(new CreateApp("worky", null));
        App changed = api.updateApp("worky", new UpdateApp(8080, new win.pvdify.api.Resources(256, 0.5),
                new win.pvdify.api.Healthcheck("/up", 5, 2, 3), true, null));
        assertEquals(8080, changed.bindPort());
        assertEquals(256, changed.resources().memoryMb());
        assertEquals("/up", changed.healthcheck().path());
        assertTrue(changed.readOnly());
        api.scale("worky", List.of(new FormationEntry("web", 2, null)));
        assertTrue(runtime.calls.stream().noneMatch(c -> c.startsWith("applyFormation")),
                "before the first deploy scaling only records the formation");
        assertEquals(422, assertThrows(ApiException.class, () -> api.scale("worky",
                List.of(new FormationEntry("worker", 1, "sh -c 'unterminated")))).status());
        api.deploy("worky", new DeployRequest("nginx", null));
        Processes ps = api.scale("worky", List.of(new FormationEntry("web", 3, null),
                new FormationEntry("worker", 1, "bin/worker --queue=default")));
        assertEquals(List.of(new FormationEntry("web", 3, null),
                new FormationEntry("worker", 1, "bin/worker --queue=default")), ps.formation());
        assertEquals(1, ps.dynos().size());
        api.restart("worky", "worker");
        api.restart("worky", null);
        assertTrue(runtime.calls.containsAll(List.of("applyFormation worky", "restart worky worker",
                "restart worky null")));
        ApiException e = assertThrows(ApiException.class, () -> api.restart("worky", "clock"));
        assertEquals(404, e.status());
        api.deleteApp("worky");
        assertTrue(runtime.calls.contains("remove worky"));
        assertEquals(404, assertThrows(ApiException.class, () -> api.app("worky")).status());
    }

    @Test
    void domainsAreUniqueAndTheDefaultStays() {
        api.createApp(new CreateApp("one", null));
        api.createApp(new CreateApp("two", null));
        assertEquals("custom", api.addDomain("one", new AddDomain("WWW.Example.com", null, null)).kind());
        assertEquals(409, assertThrows(ApiException.class,
                () -> api.addDomain("two", new AddDomain("www.example.com", null, null))).status());
        assertEquals(422, assertThrows(ApiException.class,
                () -> api.addDomain("two", new AddDomain("bad_host..com", null, null))).status());
        assertEquals(409, assertThrows(ApiException.class,
                () -> api.removeDomain("one", "one.pvdify.localhost")).status());
        assertEquals(404, assertThrows(ApiException.class,
                () -> api.removeDomain("two", "www.example.com")).status());
        api.removeDomain("one", "www.example.com");
        assertEquals(1, api.domains("one").size());
        assertTrue(runtime.calls.contains("refreshRoutes one"));
    }

    @Test
    void logsMergeDynoLinesWithPlatformEvents() {
        api.createApp(new CreateApp("loggy", null));
        api.deploy("loggy", new DeployRequest("nginx", null));
        List<String> lines = api.logs("loggy", 100, null);
        assertTrue(lines.getFirst().endsWith("app[web.1]: hello from the dyno"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.matches(
                "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00 pvdify\\[api]: Release v1 created by admin.*")),
                lines.toString());
        assertEquals(1, api.logs("loggy", 1, null).size());
    }

    @Test
    void followStreamsUntilTheClientStops() {
        api.createApp(new CreateApp("tail", null));
        List<String> got = new ArrayList<>();
        RuntimeException stop = new RuntimeException("enough");
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> api.streamLogs("tail", 10, null, true, l -> {
            got.add(l);
            if (got.stream().filter(x -> x.endsWith("tick")).count() >= 3) {
                throw stop;
            }
        }));
        assertEquals(stop, thrown);
    }

    @Test
    void tokensAndDeployTokenScope() {
        // a deploy token for an app that does not exist (a typo) is refused; nothing is stored
        int before = api.tokens().size();
        assertEquals(404, assertThrows(ApiException.class,
                () -> api.createToken(new CreateToken("deploy", "site", "github actions"))).status());
        assertEquals(before, api.tokens().size());
        api.createApp(new CreateApp("site", null));
        api.createApp(new CreateApp("other", null));
        CreatedToken ci = api.createToken(new CreateToken("deploy", "site", "github actions"));
        assertTrue(ci.secret().startsWith("pvd_"));
        PvdifyClient deployer = t.client(ci.secret());
        assertEquals("site", deployer.whoami().app());
        assertEquals("current", deployer.deploy("site", new DeployRequest("nginx", null)).status());
        assertEquals("deploy-token:github actions", api.release("site", 1).createdBy());
        assertEquals(403, assertThrows(ApiException.class,
                () -> deployer.deploy("other", new DeployRequest("nginx", null))).status());
        assertEquals(403, assertThrows(ApiException.class, () -> deployer.config("site")).status());
        assertEquals(403, assertThrows(ApiException.class, () -> deployer.tokens()).status());
        assertEquals(403, assertThrows(ApiException.class, () -> deployer.deleteApp("site")).status());
        // previews of its app: create, deploy, delete
        deployer.createApp(new CreateApp("site-pr-7", null));
        deployer.deploy("site-pr-7", new DeployRequest("nginx", null));
        deployer.deleteApp("site-pr-7");
        assertEquals(List.of("site"), deployer.apps().stream().map(App::name).toList());
        assertEquals(403, assertThrows(ApiException.class,
                () -> deployer.createApp(new CreateApp("sitex-pr-7", null))).status());

        api.revokeToken(ci.token().id());
        assertEquals(401, assertThrows(ApiException.class, deployer::whoami).status());
        String adminId = api.tokens().getFirst().id();
        assertEquals(409, assertThrows(ApiException.class, () -> api.revokeToken(adminId)).status());
    }

    @Test
    void noTokenOrBadTokenIs401AndHealthIsOpen() {
        assertEquals(401, assertThrows(ApiException.class, () -> t.client(null).apps()).status());
        assertEquals(401, assertThrows(ApiException.class, () -> t.client("pvd_nope").apps()).status());
        assertEquals("ok", t.client(null).health().status());
    }

    @Test
    void registriesKeepPasswordsHidden() {
        api.addRegistry("registry.example.com:5000", "bot", "s3cret-pass");
        assertEquals(1, api.registries().size());
        assertNull(api.registries().getFirst().password());
        assertEquals("s3cret-pass", t.daemon.store().registries().forRegistry("registry.example.com:5000")
                .orElseThrow().password());
        api.removeRegistry("registry.example.com:5000");
        assertEquals(404, assertThrows(ApiException.class, () -> api.removeRegistry("registry.example.com:5000"))
                .status());
    }

    @Test
    void configWithoutImageMakesCurrentReleaseWithoutDeploy() {
        api.createApp(new CreateApp("cfg", null));
        Map<String, String> vars = new HashMap<>();
        vars.put("A", "1");
        vars.put("B", "line1\nline2 \"quoted\" $HOME");
        ConfigVars c = api.setConfig("cfg", vars);
        assertEquals("current", c.release().status());
        assertNull(c.release().image());
        assertEquals(vars, api.config("cfg").vars());
        assertTrue(runtime.calls.stream().noneMatch(x -> x.startsWith("deploy cfg")));
        var desired = t.daemon.ledger().desired("cfg").orElseThrow();
        assertEquals("5000", desired.env().get("PORT"));
        assertEquals("line1\nline2 \"quoted\" $HOME", desired.env().get("B"));
        assertEquals(List.of("cfg.pvdify.localhost"), desired.hosts());
        assertNull(desired.release(), "an image-less release is 'nothing deployed' for the engine");
        assertNull(desired.image());
    }
}
