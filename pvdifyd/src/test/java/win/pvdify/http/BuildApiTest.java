package win.pvdify.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import win.pvdify.TestDaemon;
import win.pvdify.api.CreateApp;
import win.pvdify.api.CreateToken;
import win.pvdify.build.BuildLimits;

/**
 * The builds routes and the git remote refuse what they must, before anything is built: oversized uploads (413
 * while streaming, chunked, no Content-Length), hostile or invalid sources (422), unknown builds (404), tokens of
 * other apps (403), git requests without credentials (401 with a Basic challenge).
 */
class BuildApiTest {
    static final long LIMIT = 64 * 1024;
    private static TestDaemon t;
    private static String otherToken;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void start() {
        t = new TestDaemon(b -> b.buildLimits(new BuildLimits(0, 0, Duration.ofMinutes(1), LIMIT)));
        t.admin().createApp(new CreateApp("shop", null));
        t.admin().createApp(new CreateApp("other", null));
        otherToken = t.admin().createToken(new CreateToken("deploy", "other", null)).secret();
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    static byte[] tar(String name, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            TarArchiveEntry e = new TarArchiveEntry(name);
            e.setSize(content.length);
            tar.putArchiveEntry(e);
            tar.write(content);
            tar.closeArchiveEntry();
        }
        return out.toByteArray();
    }

    static HttpResponse<String> post(String path, HttpRequest.BodyPublisher body, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(t.daemon.baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-tar")
                .POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(t.daemon.baseUrl() + path))
                .timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void oversizedUploadsAre413EvenChunked() throws Exception {
        byte[] big = tar("Dockerfile", new byte[(int) LIMIT * 2]);
        var announced = post("/api/v1/apps/shop/builds", HttpRequest.BodyPublishers.ofByteArray(big), t.adminToken);
        assertEquals(413, announced.statusCode(), announced.body());
        // no Content-Length: refused while it streams
        var chunked = post("/api/v1/apps/shop/builds", HttpRequest.BodyPublishers.ofInputStream(
                () -> new java.io.ByteArrayInputStream(big)), t.adminToken);
        assertEquals(413, chunked.statusCode(), chunked.body());
        assertTrue(chunked.body().contains("larger than " + LIMIT + " bytes"), chunked.body());
        assertEquals("[]", get("/api/v1/apps/shop/builds", "Bearer " + t.adminToken).body());
    }

    @Test
    void invalidSourcesAndArgumentsAre422() throws Exception {
        var hostile = post("/api/v1/apps/shop/builds", HttpRequest.BodyPublishers.ofByteArray(
                tar("../../etc/cron.d/x", "x".getBytes(StandardCharsets.UTF_8))), t.adminToken);
        assertEquals(422, hostile.statusCode(), hostile.body());
        var garbage = post("/api/v1/apps/shop/builds", HttpRequest.BodyPublishers.ofString("not a tar ".repeat(100)),
                t.adminToken);
        assertEquals(422, garbage.statusCode(), garbage.body());
        var version = post("/api/v1/apps/shop/builds?version=not-hex", HttpRequest.BodyPublishers.ofByteArray(
                tar("Dockerfile", "FROM x".getBytes(StandardCharsets.UTF_8))), t.adminToken);
        assertEquals(422, version.statusCode(), version.body());
        var procfile = post("/api/v1/apps/shop/builds", HttpRequest.BodyPublishers.ofByteArray(
                tar("Procfile", "web: a\nweb: b\n".getBytes(StandardCharsets.UTF_8))), t.adminToken);
        assertEquals(422, procfile.statusCode(), procfile.body()); // no Dockerfile either: refused first
    }

    @Test
    void unknownBuildsAndOtherAppsTokens() throws Exception {
        for (String path : List.of("/api/v1/apps/shop/builds/9", "/api/v1/apps/shop/builds/abc",
                "/api/v1/apps/shop/builds/9/output", "/api/v1/apps/nope/builds")) {
            assertEquals(404, get(path, "Bearer " + t.adminToken).statusCode(), path);
        }
        var forbidden = post("/api/v1/apps/shop/builds", HttpRequest.BodyPublishers.ofByteArray(
                tar("Dockerfile", "FROM x".getBytes(StandardCharsets.UTF_8))), otherToken);
        assertEquals(403, forbidden.statusCode(), forbidden.body());
    }

    @Test
    void theGitRemoteAsksForBasicCredentials() throws Exception {
        String refs = "/git/shop.git/info/refs?service=git-receive-pack";
        var none = get(refs, null);
        assertEquals(401, none.statusCode());
        assertEquals("Basic realm=\"Pvdify\"", none.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals(401, get(refs, basic("x", "wrong")).statusCode());
        assertEquals(403, get(refs, basic("x", otherToken)).statusCode());
        assertEquals(404, get("/git/nope.git/info/refs?service=git-receive-pack", basic("x", t.adminToken))
                .statusCode());
        assertEquals(403, get("/git/shop.git/info/refs?service=git-upload-pack", basic("x", t.adminToken))
                .statusCode());
        var ok = get(refs, basic("anyone", t.adminToken));
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("application/x-git-receive-pack-advertisement", ok.headers().firstValue("Content-Type")
                .orElse(""));
        assertTrue(ok.body().startsWith("001f# service=git-receive-pack\n0000"), ok.body());
        assertTrue(ok.body().contains("report-status"), ok.body());
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
