package win.pvdify.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import win.pvdify.RecordingRuntime;
import win.pvdify.TestDaemon;
import win.pvdify.api.CreateApp;
import win.pvdify.api.DeployRequest;
import win.pvdify.api.Dyno;
import win.pvdify.testing.Poll;

/**
 * A real Prometheus (apt: prometheus) scrapes pvdifyd's /metrics on loopback every second: the target is up and
 * the series of a deploy have values in its database.
 */
class PrometheusScrapeIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private JsonNode query(int port, String promql) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode n = JSON.readTree(r.body());
        assertEquals("success", n.path("status").asText(), r.body());
        return n.path("data").path("result");
    }

    @Test
    void prometheusScrapesTheDeploySeries() throws Exception {
        Path prometheus = Path.of("/usr/bin/prometheus");
        assertTrue(Files.isExecutable(prometheus), "prometheus is missing: apt-get install prometheus "
                + "(scripts/lib/packages.sh lists it)");
        AtomicReference<RecordingRuntime> runtime = new AtomicReference<>();
        try (TestDaemon t = new TestDaemon(b -> b.runtime(p -> {
            runtime.set(new RecordingRuntime(p.ledger()));
            return runtime.get();
        }))) {
            t.admin().createApp(new CreateApp("obs-prom", null));
            runtime.get().dynos = List.of(new Dyno("web.1", "web", 1, 1, "up", 20001, null, 5L, 0, 3.5,
                    41_943_040L));
            t.admin().deploy("obs-prom", new DeployRequest("nginx:1.27", null));

            Path dir = t.dataDir.resolve("prometheus");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("prometheus.yml"), """
                    global:
                      scrape_interval: 1s
                      scrape_timeout: 1s
                    scrape_configs:
                      - job_name: pvdify
                        static_configs:
                          - targets: ['127.0.0.1:%d']
                    """.formatted(t.daemon.port()));
            int port = freePort();
            Process p = new ProcessBuilder(prometheus.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
                    "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
            try {
                Poll.until("prometheus scraped pvdifyd (see " + dir.resolve("prometheus.log") + ")",
                        Duration.ofSeconds(60), () -> {
                            try {
                                JsonNode up = query(port, "up{job=\"pvdify\"}");
                                return up.size() == 1 && up.get(0).path("value").get(1).asText().equals("1");
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
                JsonNode deploys = query(port, "pvdify_operations_total{kind=\"deploy\",outcome=\"succeeded\"}");
                assertEquals("1", deploys.get(0).path("value").get(1).asText(), deploys.toString());
                JsonNode memory = query(port, "pvdify_dyno_memory_bytes{app=\"obs-prom\",process=\"web\"}");
                assertEquals("41943040", memory.get(0).path("value").get(1).asText(), memory.toString());
                JsonNode latency = query(port,
                        "pvdify_http_request_duration_seconds_count{route=\"/api/v1/apps/{name}/releases\"}");
                assertEquals("1", latency.get(0).path("value").get(1).asText(), latency.toString());
            } finally {
                p.destroy();
                if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }
}
