package win.pvdify.api.client;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import win.pvdify.api.AddDomain;
import win.pvdify.api.ApiError;
import win.pvdify.api.App;
import win.pvdify.api.ConfigVars;
import win.pvdify.api.CreateApp;
import win.pvdify.api.CreateToken;
import win.pvdify.api.CreatedToken;
import win.pvdify.api.DeployProgress;
import win.pvdify.api.DeployRequest;
import win.pvdify.api.DnsRecord;
import win.pvdify.api.DnsZone;
import win.pvdify.api.Domain;
import win.pvdify.api.FormationEntry;
import win.pvdify.api.Health;
import win.pvdify.api.Json;
import win.pvdify.api.Processes;
import win.pvdify.api.RegistryCredential;
import win.pvdify.api.Release;
import win.pvdify.api.RestartRequest;
import win.pvdify.api.RollbackRequest;
import win.pvdify.api.ScaleRequest;
import win.pvdify.api.SystemStatus;
import win.pvdify.api.Token;
import win.pvdify.api.UpdateApp;
import win.pvdify.api.Whoami;

/**
 * A typed client of the pvdifyd REST API (/api/v1), used by the CLI and the dashboard.
 * One instance per base URL and token; thread-safe.
 */
public final class PvdifyClient {
    private final URI base;
    private final String token;
    private final HttpClient http;
    private final ObjectMapper json = Json.newMapper();

    public PvdifyClient(String baseUrl, String token) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        this.token = token;
        HttpClient.Builder b = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1);
        if ("http".equalsIgnoreCase(base.getScheme())) {
            // plain http never uses TLS: skip the JDK client's TLS set-up (see noTls)
            b.sslContext(noTls()).sslParameters(new javax.net.ssl.SSLParameters());
        }
        this.http = b.build();
    }

    /**
     * A TLS context for plain-http clients: every use fails. Without it the JDK client initialises JSSE and
     * loads the trust store at construction, a large share of a CLI command's start-up.
     */
    private static javax.net.ssl.SSLContext noTls() {
        javax.net.ssl.SSLContextSpi refuse = new javax.net.ssl.SSLContextSpi() {
            private UnsupportedOperationException no() {
                return new UnsupportedOperationException("TLS is not used for a plain http:// API URL");
            }

            @Override
            protected void engineInit(javax.net.ssl.KeyManager[] km, javax.net.ssl.TrustManager[] tm,
                                      java.security.SecureRandom sr) {
                throw no();
            }

            @Override
            protected javax.net.ssl.SSLSocketFactory engineGetSocketFactory() {
                throw no();
            }

            @Override
            protected javax.net.ssl.SSLServerSocketFactory engineGetServerSocketFactory() {
                throw no();
            }

            @Override
            protected javax.net.ssl.SSLEngine engineCreateSSLEngine() {
                throw no();
            }

            @Override
            protected javax.net.ssl.SSLEngine engineCreateSSLEngine(String host, int port) {
                throw no();
            }

            @Override
            protected javax.net.ssl.SSLSessionContext engineGetServerSessionContext() {
                throw no();
            }

            @Override
            protected javax.net.ssl.SSLSessionContext engineGetClientSessionContext() {
                throw no();
            }
        };
        return new javax.net.ssl.SSLContext(refuse, null, "none") {
        };
    }

    public URI baseUrl() {
        return base;
    }

    // --- health, identity, status -------------------------------------------------------------------

    public Health health() {
        return send(get("/health"), Health.class);
    }

    public Whoami whoami() {
        return send(get(api("/whoami")), Whoami.class);
    }

    public SystemStatus status() {
        return send(get(api("/status")), SystemStatus.class);
    }

    // --- apps ---------------------------------------------------------------------------------------

    public List<App> apps() {
        return send(get(api("/apps")), listOf(App.class));
    }

    public App app(String name) {
        return send(get(app(name, "")), App.class);
    }

    public App createApp(CreateApp request) {
        return send(post(api("/apps"), request), App.class);
    }

    public App updateApp(String name, UpdateApp request) {
        return send(withBody(app(name, ""), "PATCH", request), App.class);
    }

    public void deleteApp(String name) {
        send(delete(app(name, "")), Void.class);
    }

    // --- releases -----------------------------------------------------------------------------------

    public List<Release> releases(String app) {
        return send(get(app(app, "/releases")), listOf(Release.class));
    }

    public Release release(String app, int version) {
        return send(get(app(app, "/releases/" + version)), Release.class);
    }

    /** Deploys and waits for the outcome; the answer is the release, status current or failed. */
    public Release deploy(String app, DeployRequest request) {
        return send(post(app(app, "/releases"), request), Release.class);
    }

    /** Deploys and streams progress lines to the listener; returns the final release. */
    public Release deploy(String app, DeployRequest request, Consumer<DeployProgress> progress) {
        HttpRequest req = builder(app(app, "/releases"))
                .header("Accept", "application/x-ndjson")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(request)))
                .build();
        HttpResponse<InputStream> res = exchange(req, HttpResponse.BodyHandlers.ofInputStream());
        failOnError(res.statusCode(), null, res);
        Release last = null;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                DeployProgress p = json.readValue(line, DeployProgress.class);
                progress.accept(p);
                if (p.release() != null) {
                    last = p.release();
                }
            }
        } catch (IOException e) {
            throw new ApiException("deploy stream broke: " + e.getMessage(), e);
        }
        if (last == null) {
            throw new ApiException(502, "the deploy stream ended without a release", null);
        }
        return last;
    }

    public Release rollback(String app, Integer version) {
        return send(post(app(app, "/rollback"), new RollbackRequest(version)), Release.class);
    }

    // --- config -------------------------------------------------------------------------------------

    public ConfigVars config(String app) {
        return send(get(app(app, "/config")), ConfigVars.class);
    }

    /** Sets vars; a null value unsets that key. */
    public ConfigVars setConfig(String app, Map<String, String> vars) {
        // a tree, not a Map: the shared mapper leaves out nulls, and a null here means "unset this key"
        com.fasterxml.jackson.databind.node.ObjectNode body = json.createObjectNode();
        vars.forEach(body::put);
        return send(withBody(app(app, "/config"), "PUT", body), ConfigVars.class);
    }

    public ConfigVars unsetConfig(String app, String key) {
        return send(delete(app(app, "/config/" + seg(key))), ConfigVars.class);
    }

    // --- domains ------------------------------------------------------------------------------------

    public List<Domain> domains(String app) {
        return send(get(app(app, "/domains")), listOf(Domain.class));
    }

    public Domain addDomain(String app, AddDomain request) {
        return send(post(app(app, "/domains"), request), Domain.class);
    }

    public void removeDomain(String app, String hostname) {
        send(delete(app(app, "/domains/" + seg(hostname))), Void.class);
    }

    // --- processes ----------------------------------------------------------------------------------

    public Processes ps(String app) {
        return send(get(app(app, "/ps")), Processes.class);
    }

    public Processes scale(String app, List<FormationEntry> updates) {
        return send(post(app(app, "/ps/scale"), new ScaleRequest(updates)), Processes.class);
    }

    public Processes restart(String app, String type) {
        return send(post(app(app, "/ps/restart"), new RestartRequest(type)), Processes.class);
    }

    // --- logs ---------------------------------------------------------------------------------------

    /** The last lines of the app's log, Heroku format, oldest first. */
    public List<String> logs(String app, int lines, String process) {
        List<String> out = new ArrayList<>();
        streamLogs(app, lines, process, false, out::add);
        return out;
    }

    /** Reads log lines (follow: until the server or the caller ends it) and hands each to the sink. */
    public void streamLogs(String app, int lines, String process, boolean follow, Consumer<String> sink) {
        StringBuilder q = new StringBuilder("/logs?lines=").append(lines);
        if (process != null) {
            q.append("&process=").append(URLEncoder.encode(process, StandardCharsets.UTF_8));
        }
        if (follow) {
            q.append("&follow=true");
        }
        HttpRequest req = builder(app(app, q.toString())).header("Accept", "text/plain").GET()
                .timeout(follow ? Duration.ofDays(365) : Duration.ofSeconds(60)).build();
        HttpResponse<InputStream> res = exchange(req, HttpResponse.BodyHandlers.ofInputStream());
        failOnError(res.statusCode(), null, res);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                sink.accept(line);
            }
        } catch (IOException e) {
            throw new ApiException("log stream broke: " + e.getMessage(), e);
        }
    }

    /**
     * Follows the app's log without holding a thread: each line goes to the sink (on an HttpClient thread) until
     * the stream ends or the returned handle is closed. onEnd gets null when the server ended the stream, or the
     * error; it is not called after close().
     */
    public LogFollow followLogs(String app, int lines, String process, Consumer<String> sink,
                                Consumer<ApiException> onEnd) {
        StringBuilder q = new StringBuilder("/logs?lines=").append(lines).append("&follow=true");
        if (process != null) {
            q.append("&process=").append(URLEncoder.encode(process, StandardCharsets.UTF_8));
        }
        HttpRequest req = builder(app(app, q.toString())).header("Accept", "text/plain").GET()
                .timeout(Duration.ofDays(365)).build();
        AtomicBoolean closed = new AtomicBoolean();
        AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
        Consumer<ApiException> end = e -> {
            if (closed.compareAndSet(false, true)) {
                onEnd.accept(e);
            }
        };
        HttpResponse.BodyHandler<Void> handler = info -> {
            if (info.statusCode() >= 400) {
                return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofByteArray(), raw -> {
                    end.accept(errorOf(info.statusCode(), raw, info.headers().firstValue("X-Request-Id").orElse(null)));
                    return null;
                });
            }
            return HttpResponse.BodySubscribers.fromLineSubscriber(new Flow.Subscriber<String>() {
                @Override
                public void onSubscribe(Flow.Subscription s) {
                    subscription.set(s);
                    if (closed.get()) {
                        s.cancel();
                    } else {
                        s.request(Long.MAX_VALUE);
                    }
                }

                @Override
                public void onNext(String line) {
                    if (!closed.get()) {
                        sink.accept(line);
                    }
                }

                @Override
                public void onError(Throwable t) {
                    end.accept(new ApiException("log stream broke: " + t.getMessage(), t));
                }

                @Override
                public void onComplete() {
                    end.accept(null);
                }
            });
        };
        CompletableFuture<HttpResponse<Void>> exchange = http.sendAsync(req, handler);
        exchange.whenComplete((res, t) -> {
            if (t != null) {
                end.accept(new ApiException("cannot follow the log at " + base + ": " + t.getMessage(), t));
            }
        });
        return () -> {
            if (closed.compareAndSet(false, true)) {
                Flow.Subscription s = subscription.get();
                if (s != null) {
                    s.cancel();
                }
                exchange.cancel(true);
            }
        };
    }

    private ApiException errorOf(int status, byte[] raw, String requestId) {
        String message = "HTTP " + status;
        String id = requestId;
        try {
            ApiError err = json.readValue(raw, ApiError.class);
            if (err.error() != null) {
                message = err.error();
            }
            if (err.id() != null) {
                id = err.id();
            }
        } catch (IOException | RuntimeException ignored) {
            // not our JSON error shape: keep "HTTP <status>"
        }
        return new ApiException(status, message, id);
    }

    // --- tokens -------------------------------------------------------------------------------------

    public List<Token> tokens() {
        return send(get(api("/tokens")), listOf(Token.class));
    }

    public CreatedToken createToken(CreateToken request) {
        return send(post(api("/tokens"), request), CreatedToken.class);
    }

    public void revokeToken(String id) {
        send(delete(api("/tokens/" + seg(id))), Void.class);
    }

    // --- registries (admin) ------------------------------------------------------------------------

    public List<RegistryCredential> registries() {
        return send(get(api("/registries")), listOf(RegistryCredential.class));
    }

    /** Stores (or replaces) the login for a private registry host[:port]. */
    public RegistryCredential addRegistry(String registry, String username, String password) {
        return send(post(api("/registries"), new RegistryCredential(registry, username, password, null)),
                RegistryCredential.class);
    }

    public void removeRegistry(String registry) {
        send(delete(api("/registries/" + seg(registry))), Void.class);
    }

    // --- cloudflare ---------------------------------------------------------------------------------

    public List<DnsZone> dnsZones() {
        return send(get(api("/cloudflare/zones")), listOf(DnsZone.class));
    }

    public List<DnsRecord> dnsRecords(String zoneId) {
        return send(get(api("/cloudflare/zones/" + seg(zoneId) + "/records")), listOf(DnsRecord.class));
    }

    // --- plumbing -----------------------------------------------------------------------------------

    private static String seg(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private String api(String path) {
        return "/api/v1" + path;
    }

    private String app(String name, String rest) {
        return api("/apps/" + seg(name) + rest);
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(15));
        if (token != null && !token.isBlank()) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private HttpRequest get(String path) {
        return builder(path).header("Accept", "application/json").GET().build();
    }

    private HttpRequest delete(String path) {
        return builder(path).header("Accept", "application/json").DELETE().build();
    }

    private HttpRequest post(String path, Object body) {
        return withBody(path, "POST", body);
    }

    private HttpRequest withBody(String path, String method, Object body) {
        return builder(path)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes(body)))
                .build();
    }

    private byte[] bytes(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> HttpResponse<T> exchange(HttpRequest req, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(req, handler);
        } catch (ConnectException e) {
            throw new ApiException("cannot reach the Pvdify API at " + base, e);
        } catch (HttpTimeoutException e) {
            throw new ApiException("the Pvdify API at " + base + " did not answer in time", e);
        } catch (IOException e) {
            throw new ApiException("talking to the Pvdify API at " + base + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("interrupted", e);
        }
    }

    private <T> T send(HttpRequest req, Class<T> type) {
        return send(req, json.getTypeFactory().constructType(type));
    }

    private <T> T send(HttpRequest req, JavaType type) {
        HttpResponse<byte[]> res = exchange(req, HttpResponse.BodyHandlers.ofByteArray());
        failOnError(res.statusCode(), res.body(), res);
        if (type.getRawClass() == Void.class || res.body().length == 0) {
            return null;
        }
        try {
            return json.readValue(res.body(), type);
        } catch (IOException e) {
            throw new ApiException(502, "the API answered with something that is not the expected JSON", null);
        }
    }

    private JavaType listOf(Class<?> element) {
        return json.getTypeFactory().constructCollectionType(List.class, element);
    }


    private void failOnError(int status, byte[] body, HttpResponse<?> res) {
        if (status < 400) {
            return;
        }
        byte[] raw = body;
        if (raw == null && res.body() instanceof InputStream in) {
            try (in) {
                raw = in.readAllBytes();
            } catch (IOException e) {
                raw = new byte[0];
            }
        }
        String message = "HTTP " + status;
        String id = res.headers().firstValue("X-Request-Id").orElse(null);
        try {
            ApiError err = json.readValue(raw, ApiError.class);
            if (err.error() != null) {
                message = err.error();
            }
            if (err.id() != null) {
                id = err.id();
            }
        } catch (IOException | RuntimeException ignored) {
            // not our JSON error shape (a proxy's page, say): keep "HTTP <status>"
        }
        throw new ApiException(status, message, id);
    }

}
