package win.pvdify.api.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
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
import win.pvdify.api.Processes;
import win.pvdify.api.RecordJson;
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
 *
 * <p>Requests go through {@link HttpURLConnection}: it starts in a fraction of the time java.net.http's client
 * needs (no selector thread, no executor, no TLS set-up for http://), and a CLI command is one JVM start and one
 * request. A selector thread parked in epoll also made every CLI run wait 300 ms at JVM exit (HotSpot waits for
 * threads in native code). The JDK client is made only on first use by the two calls HttpURLConnection cannot
 * do: PATCH, and the dashboard's non-blocking log follow.
 */
public final class PvdifyClient {
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    /**
     * Changes (deploy, rollback, config:set, scale, restart) answer when the new dynos serve or have failed: minutes.
     * Reads answer at once, so a hung server ends a `pvdify ps` after a minute, not fifteen.
     */
    private static final int READ_TIMEOUT_MS = 15 * 60_000;
    private static final int GET_TIMEOUT_MS = 60_000;

    private final URI base;
    private final String token;
    private final int getTimeoutMs;
    private final RecordJson json = new RecordJson();
    private volatile HttpClient jdkClient;

    public PvdifyClient(String baseUrl, String token) {
        this(baseUrl, token, GET_TIMEOUT_MS);
    }

    PvdifyClient(String baseUrl, String token, int getTimeoutMs) {
        this.getTimeoutMs = getTimeoutMs;
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        String scheme = base.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || base.getHost() == null) {
            throw new IllegalArgumentException("the API URL must be http(s)://host[:port], got '" + baseUrl + "'");
        }
        this.token = token;
    }

    public URI baseUrl() {
        return base;
    }

    // --- health, identity, status -------------------------------------------------------------------

    public Health health() {
        return get("/health", Health.class);
    }

    public Whoami whoami() {
        return get(api("/whoami"), Whoami.class);
    }

    public SystemStatus status() {
        return get(api("/status"), SystemStatus.class);
    }

    // --- apps ---------------------------------------------------------------------------------------

    public List<App> apps() {
        return getList(api("/apps"), App.class);
    }

    public App app(String name) {
        return get(app(name, ""), App.class);
    }

    public App createApp(CreateApp request) {
        return post(api("/apps"), request, App.class);
    }

    public App updateApp(String name, UpdateApp request) {
        return patch(app(name, ""), request, App.class);
    }

    public void deleteApp(String name) {
        delete(waiting(app(name, "")), Void.class);
    }

    /** The blocking form of a change: the server answers when its operation has ended. */
    private static String waiting(String path) {
        return path + (path.contains("?") ? "&" : "?") + "wait=true";
    }

    // --- releases -----------------------------------------------------------------------------------

    public List<Release> releases(String app) {
        return getList(app(app, "/releases"), Release.class);
    }

    public Release release(String app, int version) {
        return get(app(app, "/releases/" + version), Release.class);
    }

    /** Deploys and waits for the outcome; the answer is the release, status current or failed. */
    public Release deploy(String app, DeployRequest request) {
        return post(waiting(app(app, "/releases")), request, Release.class);
    }

    /** Deploys and streams progress lines to the listener; returns the final release. */
    public Release deploy(String app, DeployRequest request, Consumer<DeployProgress> progress) {
        Answer res = open("POST", app(app, "/releases"), "application/x-ndjson", bytes(request), READ_TIMEOUT_MS);
        Release last = null;
        try (BufferedReader in = res.lines()) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                DeployProgress p = json.read(line, DeployProgress.class);
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
        return post(waiting(app(app, "/rollback")), new RollbackRequest(version), Release.class);
    }

    // --- config -------------------------------------------------------------------------------------

    public ConfigVars config(String app) {
        return get(app(app, "/config"), ConfigVars.class);
    }

    /** Sets vars; a null value unsets that key. */
    public ConfigVars setConfig(String app, Map<String, String> vars) {
        // a copy that keeps null values (a HashMap does; Map.of does not): null means "unset this key"
        return send("PUT", waiting(app(app, "/config")), new java.util.LinkedHashMap<>(vars), ConfigVars.class);
    }

    public ConfigVars unsetConfig(String app, String key) {
        return delete(waiting(app(app, "/config/" + seg(key))), ConfigVars.class);
    }

    // --- domains ------------------------------------------------------------------------------------

    public List<Domain> domains(String app) {
        return getList(app(app, "/domains"), Domain.class);
    }

    public Domain addDomain(String app, AddDomain request) {
        return post(waiting(app(app, "/domains")), request, Domain.class);
    }

    public void removeDomain(String app, String hostname) {
        delete(waiting(app(app, "/domains/" + seg(hostname))), Void.class);
    }

    // --- processes ----------------------------------------------------------------------------------

    public Processes ps(String app) {
        return get(app(app, "/ps"), Processes.class);
    }

    public Processes scale(String app, List<FormationEntry> updates) {
        return post(waiting(app(app, "/ps/scale")), new ScaleRequest(updates), Processes.class);
    }

    public Processes restart(String app, String type) {
        return post(waiting(app(app, "/ps/restart")), new RestartRequest(type), Processes.class);
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
        // a follow waits for lines as long as it takes; the server ends it, or the caller does
        Answer res = open("GET", app(app, q.toString()), "text/plain", null, follow ? 0 : getTimeoutMs);
        try (BufferedReader in = res.lines()) {
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
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + app(app, q.toString())))
                .header("Accept", "text/plain").GET();
        if (token != null && !token.isBlank()) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpRequest req = b.build();
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
        CompletableFuture<HttpResponse<Void>> exchange = jdkClient().sendAsync(req, handler);
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
            ApiError err = json.read(raw, ApiError.class);
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
        return getList(api("/tokens"), Token.class);
    }

    public CreatedToken createToken(CreateToken request) {
        return post(api("/tokens"), request, CreatedToken.class);
    }

    public void revokeToken(String id) {
        delete(api("/tokens/" + seg(id)), Void.class);
    }

    // --- registries (admin) ------------------------------------------------------------------------

    public List<RegistryCredential> registries() {
        return getList(api("/registries"), RegistryCredential.class);
    }

    /** Stores (or replaces) the login for a private registry host[:port]. */
    public RegistryCredential addRegistry(String registry, String username, String password) {
        return post(api("/registries"), new RegistryCredential(registry, username, password, null),
                RegistryCredential.class);
    }

    public void removeRegistry(String registry) {
        delete(api("/registries/" + seg(registry)), Void.class);
    }

    // --- cloudflare ---------------------------------------------------------------------------------

    public List<DnsZone> dnsZones() {
        return getList(api("/cloudflare/zones"), DnsZone.class);
    }

    public List<DnsRecord> dnsRecords(String zoneId) {
        return getList(api("/cloudflare/zones/" + seg(zoneId) + "/records"), DnsRecord.class);
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

    private byte[] bytes(Object body) {
        return json.write(body);
    }

    @SuppressWarnings("unchecked")
    private <T> T send(String method, String path, Object body, Class<T> type) {
        return (T) send(method, path, body, (Type) type);
    }

    private Object send(String method, String path, Object body, Type type) {
        byte[] raw;
        int timeout = "GET".equals(method) ? getTimeoutMs : READ_TIMEOUT_MS;
        try (Answer res = open(method, path, "application/json", body == null ? null : bytes(body), timeout)) {
            raw = res.body.readAllBytes();
        } catch (IOException e) {
            throw failed(e);
        }
        return parse(raw, type);
    }

    private Object parse(byte[] raw, Type type) {
        if (type == Void.class || raw.length == 0) {
            return null;
        }
        try {
            return json.read(raw, type);
        } catch (IOException e) {
            throw new ApiException(502, "the API answered with something that is not the expected JSON", null);
        }
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> getList(String path, Class<T> element) {
        return (List<T>) send("GET", path, null, RecordJson.listOf(element));
    }

    private <T> T get(String path, Class<T> type) {
        return send("GET", path, null, type);
    }

    private <T> T post(String path, Object body, Class<T> type) {
        return send("POST", path, body, type);
    }

    private <T> T delete(String path, Class<T> type) {
        return send("DELETE", path, null, type);
    }

    /** PATCH through the JDK client: HttpURLConnection refuses the method. */
    private <T> T patch(String path, Object body, Class<T> type) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofMillis(READ_TIMEOUT_MS))
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
        if (token != null && !token.isBlank()) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<byte[]> res;
        try {
            res = jdkClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw failed(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("interrupted", e);
        }
        if (res.statusCode() >= 400) {
            throw errorOf(res.statusCode(), res.body(), res.headers().firstValue("X-Request-Id").orElse(null));
        }
        return type.cast(parse(res.body(), type));
    }

    private HttpClient jdkClient() {
        HttpClient c = jdkClient;
        if (c == null) {
            synchronized (this) {
                c = jdkClient;
                if (c == null) {
                    c = HttpClient.newBuilder()
                            .connectTimeout(Duration.ofMillis(CONNECT_TIMEOUT_MS))
                            .version(HttpClient.Version.HTTP_1_1)
                            .build();
                    jdkClient = c;
                }
            }
        }
        return c;
    }

    /**
     * Sends one request and returns the open response when its status is below 400; otherwise reads the error
     * body and throws it as an ApiException. The caller closes the answer.
     */
    private Answer open(String method, String path, String accept, byte[] body, int readTimeoutMs) {
        HttpURLConnection c;
        try {
            c = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
        } catch (IOException | IllegalArgumentException e) {
            throw new ApiException("bad API URL " + base + path + ": " + e.getMessage(), e);
        }
        try {
            c.setRequestMethod(method);
            c.setInstanceFollowRedirects(false);
            c.setUseCaches(false);
            c.setConnectTimeout(CONNECT_TIMEOUT_MS);
            c.setReadTimeout(readTimeoutMs);
            c.setRequestProperty("Accept", accept);
            if (token != null && !token.isBlank()) {
                c.setRequestProperty("Authorization", "Bearer " + token);
            }
            if (body != null) {
                c.setRequestProperty("Content-Type", "application/json");
                c.setDoOutput(true);
                c.setFixedLengthStreamingMode(body.length);
                try (OutputStream out = c.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = c.getResponseCode();
            if (status < 0) {
                throw new IOException("the answer is not HTTP");
            }
            if (status >= 400) {
                byte[] raw;
                try (InputStream err = c.getErrorStream()) {
                    raw = err == null ? new byte[0] : err.readAllBytes();
                }
                throw errorOf(status, raw, c.getHeaderField("X-Request-Id"));
            }
            if (status >= 300) {
                // typically http:// behind a proxy that sends everyone to https://; the token is not re-sent
                String to = c.getHeaderField("Location");
                c.disconnect();
                throw new ApiException(status, "the API at " + base + " redirects"
                        + (to == null ? "" : " to " + to) + ": use that address as the API URL", null);
            }
            return new Answer(c.getInputStream());
        } catch (IOException e) {
            c.disconnect();
            throw failed(e);
        }
    }

    private ApiException failed(IOException e) {
        if (e instanceof ConnectException || e instanceof NoRouteToHostException
                || e instanceof UnknownHostException) {
            return new ApiException("cannot reach the Pvdify API at " + base, e);
        }
        if (e instanceof SocketTimeoutException || e instanceof HttpTimeoutException) {
            return new ApiException("the Pvdify API at " + base + " did not answer in time", e);
        }
        return new ApiException("talking to the Pvdify API at " + base + " failed: " + e.getMessage(), e);
    }

    /** An open response body; closing it lets HttpURLConnection keep the connection for the next request. */
    private record Answer(InputStream body) implements AutoCloseable {
        BufferedReader lines() {
            return new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }
}
