package win.pvdify.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import win.pvdify.TestDaemon;
import win.pvdify.api.AddDomain;
import win.pvdify.api.CreateApp;
import win.pvdify.api.CreateToken;
import win.pvdify.api.DeployRequest;
import win.pvdify.api.FormationEntry;
import win.pvdify.api.ScheduledJob;
import win.pvdify.api.client.PvdifyClient;
import win.pvdify.kube.KubeYaml;

/** GET /apps/{name}/export?format=kube over a real socket: who may export what, and every refusal a 4xx. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one daemon and app for every test: they only read
class ExportApiTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private TestDaemon t;
    private PvdifyClient api;

    @BeforeAll
    void start() {
        t = new TestDaemon(b -> { });
        api = t.admin();
        api.createApp(new CreateApp("kubshop", null));
        api.deploy("kubshop", new DeployRequest("localhost/pvdify-test/web:1", null));
        api.setConfig("kubshop", Map.of("GREETING", "hello", "DATABASE_URL", "postgres://u:s3cret@db/x"));
        api.scale("kubshop", List.of(new FormationEntry("worker", 2, "bin/worker --fast")));
        api.addDomain("kubshop", new AddDomain("www.kubshop.test", null, null));
        api.addCron("kubshop", new ScheduledJob("nightly", "30 2 * * *", "bin/report", null, null, null, null, null,
                null, null, null));
        api.addRegistry("localhost", "robot", "pa55word");
        api.createApp(new CreateApp("kubother", null));
    }

    @AfterAll
    void stop() {
        t.close();
    }

    private HttpResponse<String> get(String pathAndQuery, String token) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(t.daemon.baseUrl() + "/api/v1" + pathAndQuery));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void exportsTheCurrentReleaseWithoutSecretsUnlessAsked() throws Exception {
        HttpResponse<String> res = get("/apps/kubshop/export?format=kube", t.adminToken);
        assertEquals(200, res.statusCode(), res.body());
        assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("application/yaml"));
        assertEquals("no-store", res.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(res.headers().firstValue("Content-Disposition").orElse("").contains("kubshop.kube.yaml"));
        List<HasMetadata> objects = KubeYaml.read(res.body());
        assertEquals(List.of("Namespace", "Secret", "Secret", "Deployment", "Deployment", "Service", "Ingress",
                "CronJob"), objects.stream().map(HasMetadata::getKind).toList());
        Secret config = (Secret) objects.get(1);
        assertEquals(Map.of("GREETING", "", "DATABASE_URL", ""), config.getData());
        for (String secret : List.of("hello", "s3cret", "pa55word")) {
            assertFalse(decodedSecrets(objects).contains(secret), secret + " left without include_secrets");
            assertFalse(res.body().contains(secret));
        }
        Deployment worker = (Deployment) objects.get(4);
        assertEquals(2, worker.getSpec().getReplicas());
        assertEquals(List.of("bin/worker", "--fast"),
                worker.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs());
        assertTrue(res.body().contains("host: www.kubshop.test"), res.body());
        assertEquals(res.body(), api.exportKube("kubshop", false, null), "the Java client gets the same");

        String with = api.exportKube("kubshop", true, "letsencrypt");
        List<HasMetadata> full = KubeYaml.read(with);
        String decoded = decodedSecrets(full);
        assertTrue(decoded.contains("hello") && decoded.contains("s3cret") && decoded.contains("pa55word"), decoded);
        assertTrue(with.contains("cert-manager.io/cluster-issuer: letsencrypt"), with);
    }

    @Test
    void aDeployTokenExportsItsOwnAppWithoutSecretsOnly() throws Exception {
        String token = api.createToken(new CreateToken("deploy", "kubshop", "ci")).secret();
        assertEquals(200, get("/apps/kubshop/export?format=kube", token).statusCode());
        HttpResponse<String> secrets = get("/apps/kubshop/export?format=kube&include_secrets=true", token);
        assertEquals(403, secrets.statusCode(), secrets.body());
        assertFalse(secrets.body().contains("hello"));
        assertEquals(403, get("/apps/kubother/export?format=kube", token).statusCode());
        assertEquals(401, get("/apps/kubshop/export?format=kube", null).statusCode());
    }

    @Test
    void badInputIsAClearClientError() throws Exception {
        assertStatus(400, "/apps/kubshop/export?format=helm", "unknown export format");
        assertStatus(400, "/apps/kubshop/export?format=%7B%7Bx%7D%7D%0A", "unknown export format");
        assertStatus(400, "/apps/kubshop/export?format=kube&include_secrets=yes%0A", "include_secrets");
        assertStatus(400, "/apps/kubshop/export?format=kube&cert_issuer=a%0Aevil:%201", "\"error\""); // refused early
        assertStatus(400, "/apps/kubshop/export?format=kube&cert_issuer=Bad_Issuer", "cert issuer");
        assertStatus(400, "/apps/kubshop/export?format=kube&cert_issuer=" + "a".repeat(300), "cert issuer");
        assertStatus(414, "/apps/kubshop/export?format=" + "x".repeat(6000), "too long");
        assertStatus(404, "/apps/nosuchapp/export?format=kube", "no app named");
        assertStatus(404, "/apps/..%2F..%2Fetc/export?format=kube", "no such route");
        assertStatus(404, "/apps/Evil%20App%0A/export?format=kube", "no app named");
        assertStatus(409, "/apps/kubother/export?format=kube", "nothing deployed");
    }

    private void assertStatus(int status, String path, String message) throws Exception {
        HttpResponse<String> res = get(path, t.adminToken);
        assertEquals(status, res.statusCode(), path + ": " + res.body());
        assertTrue(res.body().contains(message), res.body());
        assertTrue(res.body().startsWith("{\"error\""), res.body());
    }

    private static String decodedSecrets(List<HasMetadata> objects) {
        StringBuilder out = new StringBuilder();
        for (HasMetadata o : objects) {
            if (o instanceof Secret s && s.getData() != null) {
                s.getData().values().forEach(v -> out.append(new String(Base64.getDecoder().decode(v))).append('\n'));
            }
        }
        return out.toString();
    }
}
