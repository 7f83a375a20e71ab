package win.pvdify.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import win.pvdify.RecordingRuntime;
import win.pvdify.TestDaemon;
import win.pvdify.api.CreateApp;
import win.pvdify.api.CreateToken;
import win.pvdify.api.DeployRequest;
import win.pvdify.api.Dyno;
import win.pvdify.api.client.ApiException;
import win.pvdify.api.client.PvdifyClient;

/** GET /metrics on the real daemon: the series after a deploy, and who may read them. */
class MetricsApiTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicReference<RecordingRuntime> runtime = new AtomicReference<>();
    private TestDaemon t;
    private PvdifyClient admin;

    @BeforeEach
    void start() {
        t = new TestDaemon(b -> b.runtime(p -> {
            runtime.set(new RecordingRuntime(p.ledger()));
            return runtime.get();
        }));
        admin = t.admin();
    }

    @AfterEach
    void stop() {
        t.close();
    }

    private HttpResponse<String> get(String token, String forwardedFor) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(t.daemon.baseUrl() + "/metrics"));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (forwardedFor != null) {
            b.header("X-Forwarded-For", forwardedFor);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aDeployShowsInTheSeries() throws Exception {
        admin.createApp(new CreateApp("obs-metrics", null));
        runtime.get().dynos = List.of(
                new Dyno("web.1", "web", 1, 1, "up", 20001, null, 5L, 2, 12.5, 52_428_800L),
                new Dyno("worker.1", "worker", 1, 1, "crashed", null, null, null, 7, null, null));
        admin.deploy("obs-metrics", new DeployRequest("nginx:1.27", null));
        assertEquals(422, org.junit.jupiter.api.Assertions.assertThrows(ApiException.class,
                () -> admin.deploy("obs-metrics", new DeployRequest("", null))).status());

        HttpResponse<String> r = get(null, null);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
        String body = r.body();
        for (String line : new String[] {
            "pvdify_operations_total{kind=\"deploy\",outcome=\"succeeded\"} 1",
            "pvdify_operation_duration_seconds_count{kind=\"deploy\",outcome=\"succeeded\"} 1",
            "pvdify_apps 1",
            "pvdify_dynos{app=\"obs-metrics\",process=\"web\",state=\"up\"} 1",
            "pvdify_dynos{app=\"obs-metrics\",process=\"worker\",state=\"crashed\"} 1",
            "pvdify_dyno_restarts_total{app=\"obs-metrics\",dyno=\"worker.1\",process=\"worker\"} 7",
            "pvdify_dyno_cpu_percent{app=\"obs-metrics\",dyno=\"web.1\",process=\"web\"} 12.5",
            "pvdify_dyno_memory_bytes{app=\"obs-metrics\",dyno=\"web.1\",process=\"web\"} 52428800",
            "pvdify_http_requests_total{code=\"201\",method=\"POST\",route=\"/api/v1/apps/{name}/releases\"} 1",
            "pvdify_http_requests_total{code=\"422\",method=\"POST\",route=\"/api/v1/apps/{name}/releases\"} 1",
            "pvdify_http_request_duration_seconds_count{method=\"POST\",route=\"/api/v1/apps\"} 1",
            "pvdify_metrics_collect_errors 0"}) {
            assertTrue(body.lines().anyMatch(line::equals), line + " missing in:\n" + body);
        }
        assertTrue(body.contains("pvdify_build_info{version=\""), body);
        // the runtime down: the scrape still answers, and says so
        runtime.get().down = new IllegalStateException("podman is busy");
        String down = get(null, null).body();
        assertTrue(down.contains("\npvdify_metrics_collect_errors 1\n"), down);
    }

    @Test
    void throughTheProxyOrFromElsewhereItNeedsAnAdminToken() throws Exception {
        assertEquals(200, get(null, null).statusCode());
        HttpResponse<String> proxied = get(null, "203.0.113.5");
        assertEquals(401, proxied.statusCode());
        assertEquals("Bearer", proxied.headers().firstValue("WWW-Authenticate").orElse(""));
        assertTrue(proxied.body().contains("\"error\""), proxied.body());
        assertEquals(401, get("not-a-token", "203.0.113.5").statusCode());
        admin.createApp(new CreateApp("obs-scoped", null));
        String deploy = admin.createToken(new CreateToken("deploy", "obs-scoped", null)).secret();
        assertEquals(403, get(deploy, "203.0.113.5").statusCode());
        assertEquals(200, get(t.adminToken, "203.0.113.5").statusCode());
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(t.daemon.baseUrl() + "/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
    }
}
