package win.pvdify.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import win.pvdify.DaemonConfig;
import win.pvdify.GatedRuntime;
import win.pvdify.RecordingRuntime;
import win.pvdify.TestDaemon;
import win.pvdify.api.App;
import win.pvdify.api.CreateApp;
import win.pvdify.api.CreateToken;
import win.pvdify.api.CreatedToken;
import win.pvdify.api.DeployRequest;
import win.pvdify.api.Operation;
import win.pvdify.api.StatusCheck;
import win.pvdify.api.Token;
import win.pvdify.api.client.ApiException;
import win.pvdify.api.client.LogFollow;
import win.pvdify.api.client.PvdifyClient;
import win.pvdify.auth.Access;

/**
 * Issue 17, item 4: preview tokens, tokens that die with their app, revocation that ends open streams, and
 * the quotas (follows and previews per token); /status for admins only, its probes cached.
 */
class TokenHardeningTest {
    private TestDaemon t;

    @AfterEach
    void stop() {
        if (t != null) {
            t.close();
        }
    }

    private PvdifyClient start(DaemonConfig.Limits limits) {
        t = new TestDaemon(c -> limits == null ? c : c.withLimits(limits),
                b -> b.runtime(p -> new RecordingRuntime(p.ledger())));
        return t.admin();
    }

    private static int status(Runnable call) {
        return assertThrows(ApiException.class, call::run).status();
    }

    @Test
    void aPreviewTokenActsOnlyOnThePreviewAppsOfItsApp() {
        PvdifyClient admin = start(null);
        admin.createApp(new CreateApp("site", null));
        admin.createApp(new CreateApp("other", null));
        CreatedToken created = admin.createToken(new CreateToken("preview", "site", "pull requests"));
        assertEquals("preview", created.token().kind());
        assertEquals("site", created.token().app());
        PvdifyClient pr = t.client(created.secret());
        assertEquals("preview", pr.whoami().kind());

        // the preview apps of site: create, deploy, read, logs, delete
        pr.createApp(new CreateApp("site-pr-12", null));
        assertEquals("current", pr.deploy("site-pr-12", new DeployRequest("nginx", null)).status());
        assertEquals("preview-token:pull requests", admin.release("site-pr-12", 1).createdBy());
        assertFalse(pr.logs("site-pr-12", 5, null).isEmpty());
        assertEquals(List.of("site-pr-12"), pr.apps().stream().map(App::name).toList());
        pr.deleteApp("site-pr-12");

        // never site itself (production), nor anything else
        assertEquals(403, status(() -> pr.deploy("site", new DeployRequest("evil", null))));
        assertEquals(403, status(() -> pr.app("site")));
        assertEquals(403, status(() -> pr.logs("site", 5, null)));
        assertEquals(403, status(() -> pr.startDeleteApp("site")));
        assertEquals(403, status(() -> pr.rollback("site", null)));
        assertEquals(403, status(() -> pr.createApp(new CreateApp("other-pr-1", null))));
        assertEquals(403, status(() -> pr.createApp(new CreateApp("sitex-pr-1", null))));
        assertEquals(403, status(() -> pr.config("site-pr-1")));
        assertEquals(403, status(pr::tokens));
        assertEquals(0, admin.releases("site").size());
    }

    @Test
    void previewNamesOfLongAppsAreTheGhExtensionsShortenedOnes() {
        // gh-pvdify's preview_app: APP shortened so APP-pr-N stays within 30 characters, no trailing '-'
        assertEquals("a-pr-3", Access.previewName("a", "3"));
        assertEquals("abcdefghijklmnopqrstuvw-pr-123", Access.previewName("abcdefghijklmnopqrstuvwxyz0123", "123"));
        assertEquals("abcdefghijklmnopqrstuv-pr-123", Access.previewName("abcdefghijklmnopqrstuv-wxyz012", "123"));
        assertTrue(Access.isPreviewOf("abcdefghijklmnopqrstuvw-pr-123", "abcdefghijklmnopqrstuvwxyz0123"));
        assertFalse(Access.isPreviewOf("abcdefghijklmnopqrstuvwxyz0123", "abcdefghijklmnopqrstuvwxyz0123"));
        assertFalse(Access.isPreviewOf("abc-pr-123", "abcdefghijklmnopqrstuvwxyz0123"));
    }

    @Test
    void tokensAreOnlyForAppsThatExistAndDieWithTheirApp() {
        PvdifyClient admin = start(null);
        int before = admin.tokens().size();
        for (String kind : List.of("deploy", "preview")) {
            ApiException e = assertThrows(ApiException.class,
                    () -> admin.createToken(new CreateToken(kind, "ghost", null)));
            assertEquals(404, e.status());
            assertTrue(e.getMessage().contains("create it first"), e.getMessage());
            assertEquals(422, status(() -> admin.createToken(new CreateToken(kind, null, null))));
        }
        assertEquals(422, status(() -> admin.createToken(new CreateToken("root", "x", null))));
        assertEquals(422, status(() -> admin.createToken(new CreateToken("admin", "x", null))));
        assertEquals(before, admin.tokens().size());

        admin.createApp(new CreateApp("xy", null));
        CreatedToken deploy = admin.createToken(new CreateToken("deploy", "xy", "ci"));
        CreatedToken preview = admin.createToken(new CreateToken("preview", "xy", "prs"));
        PvdifyClient stale = t.client(deploy.secret());
        stale.deploy("xy", new DeployRequest("nginx", null));

        admin.deleteApp("xy");
        assertEquals(before, admin.tokens().size(), "the app's tokens went with it: " + admin.tokens());
        // someone creates xy again: the old tokens do not come back to own it
        admin.createApp(new CreateApp("xy", null));
        assertEquals(401, status(stale::whoami));
        assertEquals(401, status(() -> stale.deploy("xy", new DeployRequest("evil", null))));
        assertEquals(401, status(() -> t.client(preview.secret()).createApp(new CreateApp("xy-pr-1", null))));
    }

    @Test
    void revokingATokenEndsItsLogFollowsAndEventStreams() throws Exception {
        AtomicReference<GatedRuntime> rt = new AtomicReference<>();
        t = new TestDaemon(b -> b.runtime(p -> {
            rt.set(new GatedRuntime(p.ledger()));
            return rt.get();
        }));
        PvdifyClient admin = t.admin();
        admin.createApp(new CreateApp("site", null));
        CreatedToken ci = admin.createToken(new CreateToken("deploy", "site", "ci"));
        PvdifyClient deployer = t.client(ci.secret());

        rt.get().close("slow:1");
        Operation op = deployer.startDeploy("site", new DeployRequest("slow:1", null));
        CompletableFuture<Object> events = CompletableFuture.supplyAsync(() -> {
            try {
                return deployer.followOperation(op.id(), 0, e -> { });
            } catch (ApiException e) {
                return e;
            }
        });
        CompletableFuture<ApiException> logEnd = new CompletableFuture<>();
        LogFollow logs = deployer.followLogs("site", 1, null, l -> { }, e -> logEnd.complete(e));
        try {
            waitFor(() -> t.daemon.streams().follows() == 1, "the follow is open");
            Thread.sleep(300); // both streams are open and quiet
            assertFalse(events.isDone());
            assertFalse(logEnd.isDone());

            admin.revokeToken(ci.token().id());
            // the log follow ends at once (its client sees the end of the answer)
            logEnd.get(10, TimeUnit.SECONDS);
            waitFor(() -> t.daemon.streams().follows() == 0, "the follow is closed on the server");
            // the event stream ends too; re-attaching with the revoked token is refused
            Object ended = events.get(10, TimeUnit.SECONDS);
            assertTrue(ended instanceof ApiException e && e.status() == 401, String.valueOf(ended));
        } finally {
            logs.close();
            rt.get().open("slow:1");
        }
        // the operation itself goes on: revoking a token cancels nothing
        Operation done = admin.followOperation(op.id(), 0, e -> { });
        assertEquals("succeeded", done.state());
    }

    @Test
    void aTokenHoldsAtMostItsShareOfFollows() throws Exception {
        PvdifyClient admin = start(new DaemonConfig.Limits(2, 10, 2, Long.MAX_VALUE));
        admin.createApp(new CreateApp("site", null));
        PvdifyClient ci = t.client(admin.createToken(new CreateToken("deploy", "site", null)).secret());
        PvdifyClient other = t.client(admin.createToken(new CreateToken("deploy", "site", null)).secret());
        LogFollow a = ci.followLogs("site", 1, null, l -> { }, e -> { });
        LogFollow b = ci.followLogs("site", 1, null, l -> { }, e -> { });
        waitFor(() -> t.daemon.streams().follows() == 2, "two follows open");
        CompletableFuture<ApiException> third = new CompletableFuture<>();
        try (LogFollow c = ci.followLogs("site", 1, null, l -> { }, third::complete)) {
            ApiException refused = third.get(10, TimeUnit.SECONDS);
            assertEquals(429, refused.status());
            assertTrue(refused.getMessage().contains("max_follows_per_token"), refused.getMessage());
        }
        // another token has its own share; a closed follow frees its place
        try (LogFollow d = other.followLogs("site", 1, null, l -> { }, e -> { })) {
            waitFor(() -> t.daemon.streams().follows() == 3, "the other token's follow is open");
        }
        a.close();
        waitFor(() -> t.daemon.streams().follows() == 1, "a closed follow is gone on the server");
        List<String> got = new CopyOnWriteArrayList<>();
        try (LogFollow e = ci.followLogs("site", 1, null, got::add, x -> { })) {
            waitFor(() -> got.stream().anyMatch(l -> l.endsWith("tick")), "a new follow streams");
        }
        b.close();
    }

    @Test
    void aTokenHasAtMostItsQuotaOfPreviewApps() {
        PvdifyClient admin = start(new DaemonConfig.Limits(10, 2, 2, Long.MAX_VALUE));
        admin.createApp(new CreateApp("site", null));
        PvdifyClient pr = t.client(admin.createToken(new CreateToken("preview", "site", null)).secret());
        PvdifyClient ci = t.client(admin.createToken(new CreateToken("deploy", "site", null)).secret());
        pr.createApp(new CreateApp("site-pr-1", null));
        ci.createApp(new CreateApp("site-pr-2", null));
        ApiException e = assertThrows(ApiException.class, () -> pr.createApp(new CreateApp("site-pr-3", null)));
        assertEquals(429, e.status());
        assertTrue(e.getMessage().contains("max_previews_per_token"), e.getMessage());
        assertEquals(429, status(() -> ci.createApp(new CreateApp("site-pr-3", null))));
        // creating one that exists is the usual 409, not a quota error; tearing one down makes room
        assertEquals(409, status(() -> pr.createApp(new CreateApp("site-pr-1", null))));
        pr.deleteApp("site-pr-1");
        pr.createApp(new CreateApp("site-pr-3", null));
        // admins have no quota
        admin.createApp(new CreateApp("site-pr-4", null));
        assertEquals(4, admin.apps().size());
    }

    @Test
    void statusIsForAdminsAndItsProbesAreCached() {
        AtomicInteger probed = new AtomicInteger();
        t = new TestDaemon(b -> b.runtime(p -> new RecordingRuntime(p.ledger())).statusProbe(() -> {
            probed.incrementAndGet();
            return new StatusCheck("cloudflare", StatusCheck.OK, "token valid");
        }));
        PvdifyClient admin = t.admin();
        admin.createApp(new CreateApp("site", null));
        PvdifyClient ci = t.client(admin.createToken(new CreateToken("deploy", "site", null)).secret());
        assertEquals(403, status(ci::status));
        assertEquals(0, probed.get(), "a refused caller causes no probe");
        for (int i = 0; i < 5; i++) {
            assertTrue(admin.status().checks().stream().anyMatch(c -> c.name().equals("cloudflare")));
        }
        assertEquals(1, probed.get(), "five /status within " + StatusService.CACHE_FOR + " probe once");
        assertEquals("deploy", ci.whoami().kind(), "whoami stays open to every token");
    }

    @Test
    void tokenKindsAreListed() {
        PvdifyClient admin = start(null);
        admin.createApp(new CreateApp("site", null));
        admin.createToken(new CreateToken("preview", "site", null));
        assertTrue(admin.tokens().stream().map(Token::kind).toList().containsAll(List.of("admin", "preview")));
    }

    static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }
}
