package win.pvdify.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real caddy for tests, configured from the repository's Caddyfile.example: `caddy adapt` turns the example into
 * JSON, {@link CaddyTestConfig} makes it local (admin and HTTP on the given loopback ports, no automatic HTTPS,
 * API/dashboard upstreams replaced; or HTTPS with on-demand TLS from Caddy's internal CA), then `caddy run`
 * serves it. Caddy's own state (HOME, XDG dirs) and its log
 * stay in the work dir. stop()/start() simulate a Caddy restart (the routes pushed over the admin API are gone).
 */
public final class CaddyProcess implements AutoCloseable {

    /**
     * workDir: a directory of the test's module target/ (never /tmp). baseDomain: the domain in the example's
     * {$PVDIFY_BASE_DOMAIN}. apiDial/adminDial: replace the example's 127.0.0.1:9443 / :9444 upstreams (null = keep).
     */
    public record Options(Path workDir, Path caddyfile, int httpPort, int adminPort, String baseDomain,
                          String apiDial, String adminDial, String tlsAsk) {
        public static Options of(Path workDir, int httpPort, int adminPort, String baseDomain) {
            return new Options(workDir, findCaddyfileExample(), httpPort, adminPort, baseDomain, null, null, null);
        }

        /** The same with the API and dashboard hosts proxied to these host:port addresses. */
        public Options withUpstreams(String api, String dashboard) {
            return new Options(workDir, caddyfile, httpPort, adminPort, baseDomain, api, dashboard, tlsAsk);
        }

        /**
         * HTTPS with on-demand TLS on httpPort instead of plain HTTP: Caddy asks tlsAsk (e.g.
         * http://127.0.0.1:PORT/tls/ask) before issuing a certificate from its internal CA.
         */
        public Options withOnDemandTls(String askUrl) {
            return new Options(workDir, caddyfile, httpPort, adminPort, baseDomain, apiDial, adminDial, askUrl);
        }
    }

    private final Options options;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient admin = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final Path config;
    private final String serverName;
    private Process process;
    private final Thread cleanup = new Thread(this::destroy, "caddy-cleanup");

    public CaddyProcess(Options options) {
        this.options = options;
        try {
            // Fresh state for every instance: certificates or an autosaved config of an earlier run would change
            // what this Caddy does.
            deleteTree(options.workDir().resolve("home"));
            Files.createDirectories(options.workDir().resolve("home"));
            Files.deleteIfExists(options.workDir().resolve("caddy.log"));
            JsonNode adapted = adapt();
            CaddyTestConfig local = CaddyTestConfig.from(adapted, options.httpPort(), options.adminPort(),
                    options.apiDial(), options.adminDial(), options.tlsAsk());
            this.serverName = local.serverName();
            this.config = options.workDir().resolve("caddy.json");
            json.writerWithDefaultPrettyPrinter().writeValue(config.toFile(), local.config());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** Starts caddy and waits until its admin API answers (at most 30 s). */
    public CaddyProcess start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("caddy already running");
        }
        Path home = options.workDir().resolve("home");
        ProcessBuilder pb = new ProcessBuilder("caddy", "run", "--config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        env(pb.environment(), home);
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start caddy (is it installed? apt-get install caddy)", e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("caddy exited with " + process.exitValue() + ":\n" + logTail());
            }
            if (adminAnswers()) {
                return this;
            }
            sleep(100);
        }
        destroy();
        throw new IllegalStateException("caddy admin API did not answer within 30 s:\n" + logTail());
    }

    /** Stops caddy (SIGTERM, then SIGKILL after 10 s) and waits until it is gone. */
    public void stop() {
        destroy();
    }

    public String adminUrl() {
        return "http://127.0.0.1:" + options.adminPort();
    }

    public int httpPort() {
        return options.httpPort();
    }

    /** The name of the server pvdifyd adds app routes to (the example's :443 server). */
    public String serverName() {
        return serverName;
    }

    public Path log() {
        return options.workDir().resolve("caddy.log");
    }

    /** Caddy's current route ids of the server, in order (null entries = routes without @id). */
    public List<String> routeIds() {
        try {
            HttpResponse<String> r = admin.send(HttpRequest.newBuilder(URI.create(adminUrl() + "/config/apps/http/"
                    + "servers/" + serverName + "/routes")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode routes = json.readTree(r.body());
            return java.util.stream.StreamSupport.stream(routes.spliterator(), false)
                    .map(n -> n.path("@id").isTextual() ? n.get("@id").asText() : null).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException ignored) {
            // already shutting down
        }
    }

    /** Finds Caddyfile.example in the working directory or one of its parents (the repository top level). */
    public static Path findCaddyfileExample() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("Caddyfile.example");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("Caddyfile.example not found above " + Path.of("").toAbsolutePath());
    }

    private JsonNode adapt() throws IOException {
        ProcessBuilder pb = new ProcessBuilder("caddy", "adapt", "--adapter", "caddyfile", "--config",
                options.caddyfile().toString());
        env(pb.environment(), options.workDir().resolve("home"));
        pb.redirectError(ProcessBuilder.Redirect.appendTo(log().toFile()));
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("caddy adapt failed for " + options.caddyfile() + ":\n" + logTail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return json.readTree(out);
    }

    private void env(Map<String, String> env, Path home) {
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        env.put("XDG_DATA_HOME", home.resolve("data").toString());
        env.put("PVDIFY_BASE_DOMAIN", options.baseDomain());
    }

    private boolean adminAnswers() {
        try {
            HttpResponse<Void> r = admin.send(HttpRequest.newBuilder(URI.create(adminUrl() + "/config/"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private synchronized void destroy() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no caddy log: " + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
