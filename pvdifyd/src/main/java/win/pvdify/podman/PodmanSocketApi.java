package win.pvdify.podman;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.hc.client5.http.classic.methods.HttpDelete;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * PodmanApi over Podman's REST socket (libpod v4 endpoints) with Apache HttpClient on jnr-unixsocket.
 * System socket: /run/podman/podman.sock; rootless: $XDG_RUNTIME_DIR/podman/podman.sock.
 */
public final class PodmanSocketApi implements PodmanApi {
    public static final Path SYSTEM_SOCKET = Path.of("/run/podman/podman.sock");
    private static final String BASE = "/v4.0.0/libpod";
    private static final HttpHost HOST = new HttpHost("http", "d", 80);
    private static final RequestConfig CALL = RequestConfig.custom()
            .setResponseTimeout(Timeout.ofMinutes(2)).build();
    private static final RequestConfig PULL = RequestConfig.custom()
            .setResponseTimeout(Timeout.ofMinutes(10)).build();
    private static final RequestConfig STREAM = RequestConfig.custom()
            .setResponseTimeout(Timeout.DISABLED).build();

    private final Path socket;
    private final CloseableHttpClient http;
    private final ObjectMapper json = new ObjectMapper()
            .configure(JsonParser.Feature.AUTO_CLOSE_SOURCE, false);

    public PodmanSocketApi(Path socket) {
        this.socket = socket;
        var sockets = new UnixSocketFactory(socket);
        var operator = new DefaultHttpClientConnectionOperator(sockets, DefaultSchemePortResolver.INSTANCE,
                sockets, RegistryBuilder.<TlsSocketStrategy>create().build());
        var pool = new PoolingHttpClientConnectionManager(operator, PoolConcurrencyPolicy.LAX,
                PoolReusePolicy.LIFO, TimeValue.ofMinutes(1), ManagedHttpClientConnectionFactory.INSTANCE);
        pool.setMaxTotal(64);
        pool.setDefaultMaxPerRoute(64);
        this.http = HttpClients.custom()
                .setConnectionManager(pool)
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableRedirectHandling()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
    }

    public Path socket() {
        return socket;
    }

    @Override
    public void ping() {
        call(new HttpGet(BASE + "/_ping"), "ping");
    }

    @Override
    public PodmanVersion version() {
        JsonNode v = tree(call(new HttpGet(BASE + "/version"), "version"));
        return new PodmanVersion(v.path("Version").asText(null), v.path("ApiVersion").asText(null));
    }

    @Override
    public ImageInfo pull(String reference, RegistryAuth auth, Consumer<String> progress) {
        var post = new HttpPost(BASE + "/images/pull?reference=" + enc(reference) + "&policy=always");
        post.setConfig(PULL);
        if (auth != null) {
            ObjectNode a = json.createObjectNode().put("username", auth.username()).put("password", auth.password());
            post.setHeader("X-Registry-Auth",
                    Base64.getUrlEncoder().encodeToString(a.toString().getBytes(StandardCharsets.UTF_8)));
        }
        String error = null;
        try (ClassicHttpResponse r = open(post, "pull " + reference)) {
            var in = new BufferedReader(new InputStreamReader(r.getEntity().getContent(), StandardCharsets.UTF_8));
            var parser = json.getFactory().createParser(in);
            for (JsonNode n; (n = json.readTree(parser)) != null; ) {
                if (n.hasNonNull("error")) {
                    error = n.get("error").asText();
                } else if (n.hasNonNull("stream")) {
                    String line = n.get("stream").asText().stripTrailing();
                    if (!line.isEmpty()) {
                        progress.accept(line);
                    }
                }
            }
        } catch (IOException e) {
            throw new PodmanException("pull " + reference + " failed: " + e.getMessage(), e);
        }
        if (error != null) {
            throw new PodmanException(500, "pull " + reference + " failed: " + error.strip());
        }
        return inspectImage(reference);
    }

    @Override
    public String build(Path contextTar, String dockerfile, String tag, Map<String, String> labels, long memoryBytes,
                        double cpus, Consumer<String> output, java.util.function.BooleanSupplier stop) {
        StringBuilder q = new StringBuilder(BASE + "/build?t=" + enc(tag) + "&dockerfile=" + enc(dockerfile)
                + "&rm=true&forcerm=true&layers=true");
        if (!labels.isEmpty()) {
            q.append("&labels=").append(enc(write(labels)));
        }
        if (memoryBytes > 0) {
            q.append("&memory=").append(memoryBytes);
        }
        if (cpus > 0) {
            q.append("&cpuperiod=100000&cpuquota=").append((long) (cpus * 100_000));
        }
        var post = new HttpPost(q.toString());
        post.setConfig(STREAM);
        post.setEntity(new org.apache.hc.core5.http.io.entity.FileEntity(contextTar.toFile(),
                ContentType.create("application/x-tar")));
        var stopped = new java.util.concurrent.atomic.AtomicBoolean();
        // The reader blocks in a socket read: a watcher aborts the request (Podman then ends the build).
        Thread watcher = Thread.ofPlatform().daemon().name("build-watch-" + tag).start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    if (stop.getAsBoolean()) {
                        stopped.set(true);
                        post.cancel();
                        return;
                    }
                    Thread.sleep(250);
                }
            } catch (InterruptedException e) {
                // the build ended
            }
        });
        String error = null;
        String last = null;
        try (ClassicHttpResponse r = open(post, "build " + tag)) {
            var in = new BufferedReader(new InputStreamReader(r.getEntity().getContent(), StandardCharsets.UTF_8));
            var parser = json.getFactory().createParser(in);
            StringBuilder partial = new StringBuilder();
            for (JsonNode n; (n = json.readTree(parser)) != null; ) {
                if (n.hasNonNull("error")) {
                    error = n.get("error").asText();
                } else if (n.hasNonNull("stream")) {
                    partial.append(n.get("stream").asText());
                    for (int nl; (nl = partial.indexOf("\n")) >= 0; ) {
                        String line = partial.substring(0, nl).stripTrailing();
                        partial.delete(0, nl + 1);
                        if (!line.isEmpty()) {
                            last = line;
                            output.accept(line);
                        }
                    }
                }
            }
            if (!partial.toString().isBlank()) {
                last = partial.toString().strip();
                output.accept(last);
            }
        } catch (IOException | RuntimeException e) {
            if (stopped.get()) {
                throw new PodmanException(409, "build " + tag + " stopped");
            }
            if (e instanceof PodmanException p) {
                throw p;
            }
            throw new PodmanException("build " + tag + " failed: " + e.getMessage(), e);
        } finally {
            watcher.interrupt();
        }
        if (stopped.get()) {
            throw new PodmanException(409, "build " + tag + " stopped");
        }
        if (error != null) {
            throw new PodmanException(422, error.strip());
        }
        return inspectImage(tag).id();
    }

    @Override
    public boolean removeImage(String reference) {
        try {
            call(new HttpDelete(BASE + "/images/" + enc(reference)), "remove image " + reference);
            return true;
        } catch (PodmanException e) {
            if (e.notFound() || e.status() == 409) { // 409: a container uses it
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean imageExists(String reference) {
        return exists(new HttpGet(BASE + "/images/" + enc(reference) + "/exists"), "image exists " + reference);
    }

    @Override
    public ImageInfo inspectImage(String reference) {
        JsonNode i = tree(call(new HttpGet(BASE + "/images/" + enc(reference) + "/json"), "inspect image " + reference));
        List<String> repoDigests = strings(i.path("RepoDigests"));
        return new ImageInfo(i.path("Id").asText(null), i.path("Digest").asText(null), repoDigests,
                i.path("Size").asLong(0), strings(i.path("Config").path("Entrypoint")),
                strings(i.path("Config").path("Cmd")));
    }

    @Override
    public List<ContainerSummary> listContainers(List<String> l) {
        String filters = l.isEmpty() ? "" : "&filters=" + enc(write(Map.of("label", l)));
        JsonNode list = tree(call(new HttpGet(BASE + "/containers/json?all=true" + filters), "list containers"));
        List<ContainerSummary> out = new ArrayList<>();
        for (JsonNode c : list) {
            String name = c.path("Names").path(0).asText("");
            long started = c.path("StartedAt").asLong(0);
            out.add(new ContainerSummary(c.path("Id").asText(), name, c.path("State").asText(),
                    stringMap(c.path("Labels")), started > 0 ? Instant.ofEpochSecond(started) : null,
                    c.path("ExitCode").asInt(0)));
        }
        return out;
    }

    @Override
    public Optional<ContainerDetails> inspectContainer(String nameOrId) {
        var get = new HttpGet(BASE + "/containers/" + enc(nameOrId) + "/json");
        String body;
        try {
            body = call(get, "inspect container " + nameOrId);
        } catch (PodmanException e) {
            if (e.notFound()) {
                return Optional.empty();
            }
            throw e;
        }
        JsonNode c = tree(body);
        JsonNode s = c.path("State");
        String name = c.path("Name").asText("");
        return Optional.of(new ContainerDetails(c.path("Id").asText(), name.startsWith("/") ? name.substring(1) : name,
                s.path("Status").asText(), s.path("Running").asBoolean(), s.path("Pid").asInt(0),
                s.path("ExitCode").asInt(0), instant(s.path("StartedAt").asText(null)),
                instant(s.path("FinishedAt").asText(null)), c.path("RestartCount").asInt(0),
                stringMap(c.path("Config").path("Labels")), c.path("ImageName").asText(null)));
    }

    @Override
    public Optional<byte[]> readImageFile(String image, String relativePath, int maxBytes) {
        if (relativePath.startsWith("/") || relativePath.contains("..")) {
            throw new IllegalArgumentException("a path inside the image's WORKDIR: " + relativePath);
        }
        JsonNode i = tree(call(new HttpGet(BASE + "/images/" + enc(image) + "/json"), "inspect image " + image));
        String workdir = i.path("Config").path("WorkingDir").asText("");
        String path = (workdir.isEmpty() ? "" : workdir.endsWith("/") ? workdir : workdir + "/") + relativePath;
        path = path.startsWith("/") ? path : "/" + path;
        String name = "pvdify-read-" + java.util.UUID.randomUUID();
        var create = new HttpPost(BASE + "/containers/create");
        var body = json.createObjectNode().put("name", name).put("image", image);
        body.putArray("command").add("/nonexistent-never-run"); // created to read from, never started
        body.putArray("entrypoint");
        create.setEntity(new StringEntity(body.toString(), ContentType.APPLICATION_JSON));
        String id = tree(call(create, "create container to read " + relativePath)).path("Id").asText();
        try {
            var get = new HttpGet(BASE + "/containers/" + enc(id) + "/archive?path=" + enc(path));
            try (ClassicHttpResponse r = open(get, "read " + path + " of " + image)) {
                byte[] tar = r.getEntity() == null ? new byte[0]
                        : r.getEntity().getContent().readNBytes(maxBytes + 64 * 1024);
                return TarFirstFile.of(tar, maxBytes);
            } catch (PodmanException e) {
                if (e.notFound()) {
                    return Optional.empty();
                }
                throw e;
            } catch (IOException e) {
                throw new PodmanException("read " + path + " of " + image + " failed: " + e.getMessage(), e);
            }
        } finally {
            removeContainer(id, 1);
        }
    }

    @Override
    public String createContainer(PodmanCreateBody body) {
        var post = new HttpPost(BASE + "/containers/create");
        post.setEntity(new StringEntity(body.json(), ContentType.APPLICATION_JSON));
        return tree(call(post, "create container " + body.name())).path("Id").asText();
    }

    @Override
    public void startContainer(String nameOrId) {
        call(new HttpPost(BASE + "/containers/" + enc(nameOrId) + "/start"), "start container " + nameOrId);
    }

    @Override
    public void stopContainer(String nameOrId, int timeoutSec) {
        var post = new HttpPost(BASE + "/containers/" + enc(nameOrId) + "/stop?timeout=" + timeoutSec);
        post.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(timeoutSec + 60L)).build());
        call(post, "stop container " + nameOrId);
    }

    @Override
    public void restartContainer(String nameOrId, int timeoutSec) {
        var post = new HttpPost(BASE + "/containers/" + enc(nameOrId) + "/restart?t=" + timeoutSec);
        post.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(timeoutSec + 60L)).build());
        call(post, "restart container " + nameOrId);
    }

    @Override
    public void killContainer(String nameOrId, String signal) {
        call(new HttpPost(BASE + "/containers/" + enc(nameOrId) + "/kill?signal=" + enc(signal)),
                "kill container " + nameOrId);
    }

    @Override
    public void removeContainer(String nameOrId, int timeoutSec) {
        var del = new HttpDelete(BASE + "/containers/" + enc(nameOrId) + "?force=true&timeout=" + timeoutSec);
        del.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(timeoutSec + 60L)).build());
        try {
            call(del, "remove container " + nameOrId);
        } catch (PodmanException e) {
            if (!e.notFound()) {
                throw e;
            }
        }
    }

    @Override
    public PodmanAttach attach(String nameOrId, boolean tty) {
        return RawAttach.open(socket, BASE, nameOrId, tty);
    }

    @Override
    public void resizeContainer(String nameOrId, int rows, int cols) {
        call(new HttpPost(BASE + "/containers/" + enc(nameOrId) + "/resize?h=" + rows + "&w=" + cols
                + "&running=true"), "resize container " + nameOrId);
    }

    @Override
    public int waitContainer(String nameOrId) {
        var post = new HttpPost(BASE + "/containers/" + enc(nameOrId) + "/wait?condition=exited&condition=stopped");
        post.setConfig(STREAM);
        String body = call(post, "wait for container " + nameOrId).strip();
        try {
            return Integer.parseInt(body);
        } catch (NumberFormatException e) {
            throw new PodmanException(500, "unexpected answer to wait for " + nameOrId + ": " + body);
        }
    }

    @Override
    public List<ContainerStats> stats(List<String> namesOrIds) {
        if (namesOrIds.isEmpty()) {
            return List.of();
        }
        StringBuilder q = new StringBuilder("?stream=false");
        namesOrIds.forEach(c -> q.append("&containers=").append(enc(c)));
        JsonNode r = tree(call(new HttpGet(BASE + "/containers/stats" + q), "stats"));
        JsonNode error = r.path("Error");
        if (!error.isMissingNode() && !error.isNull()) {
            // Podman answers 200 with an Error (and no Stats) when one of the containers is gone or not running
            throw new PodmanException(409, "stats failed: " + (error.isTextual() ? error.asText() : error.toString()));
        }
        List<ContainerStats> out = new ArrayList<>();
        for (JsonNode s : r.path("Stats")) {
            out.add(new ContainerStats(s.path("ContainerID").asText(), s.path("Name").asText(),
                    s.path("CPU").asDouble(0), s.path("MemUsage").asLong(0), s.path("MemLimit").asLong(0)));
        }
        return out;
    }

    @Override
    public List<NetworkInfo> listNetworks() {
        List<NetworkInfo> out = new ArrayList<>();
        for (JsonNode n : tree(call(new HttpGet(BASE + "/networks/json"), "list networks"))) {
            List<String> subnets = new ArrayList<>();
            for (JsonNode s : n.path("subnets")) {
                subnets.add(s.path("subnet").asText());
            }
            out.add(new NetworkInfo(n.path("name").asText(), n.path("network_interface").asText(""), subnets,
                    stringMap(n.path("labels"))));
        }
        return out;
    }

    @Override
    public void createNetwork(String name, String subnet, Map<String, String> labels) {
        ObjectNode body = json.createObjectNode().put("name", name).put("driver", "bridge")
                .put("dns_enabled", false);
        body.putArray("subnets").addObject().put("subnet", subnet);
        body.putObject("options").put("isolate", "true");
        body.set("labels", json.valueToTree(labels));
        var post = new HttpPost(BASE + "/networks/create");
        post.setEntity(new StringEntity(body.toString(), ContentType.APPLICATION_JSON));
        call(post, "create network " + name);
    }

    @Override
    public void removeNetwork(String name) {
        try {
            call(new HttpDelete(BASE + "/networks/" + enc(name)), "remove network " + name);
        } catch (PodmanException e) {
            if (!e.notFound()) {
                throw e;
            }
        }
    }

    @Override
    public String createExec(String nameOrId, List<String> cmd, boolean stdin) {
        ObjectNode body = json.createObjectNode().put("AttachStdout", true).put("AttachStderr", true)
                .put("AttachStdin", stdin).put("Tty", false);
        body.set("Cmd", json.valueToTree(cmd));
        var post = new HttpPost(BASE + "/containers/" + enc(nameOrId) + "/exec");
        post.setEntity(new StringEntity(body.toString(), ContentType.APPLICATION_JSON));
        return tree(call(post, "exec in " + nameOrId)).path("Id").asText();
    }

    @Override
    public PodmanAttach startExec(String execId) {
        return RawAttach.openExec(socket, BASE, execId);
    }

    @Override
    public Integer execExitCode(String execId) {
        JsonNode n = tree(call(new HttpGet(BASE + "/exec/" + enc(execId) + "/json"), "inspect exec " + execId));
        return n.path("Running").asBoolean(false) ? null : n.path("ExitCode").asInt(-1);
    }

    @Override
    public void removeVolume(String name) {
        try {
            call(new HttpDelete(BASE + "/volumes/" + enc(name) + "?force=true"), "remove volume " + name);
        } catch (PodmanException e) {
            if (!e.notFound()) {
                throw e;
            }
        }
    }

    @Override
    public PodmanStream<PodmanEvent> events(Map<String, List<String>> filters) {
        String f = filters.isEmpty() ? "" : "&filters=" + enc(write(filters));
        var get = new HttpGet(BASE + "/events?stream=true" + f);
        get.setConfig(STREAM);
        ClassicHttpResponse r = open(get, "events");
        try {
            // A Reader: a byte-stream parser would block until it has bytes to sniff the encoding.
            var parser = json.getFactory().createParser(
                    new InputStreamReader(r.getEntity().getContent(), StandardCharsets.UTF_8));
            return new Stream<>(get, r, () -> {
                JsonNode n = json.readTree(parser);
                if (n == null) {
                    return null;
                }
                JsonNode actor = n.path("Actor");
                Map<String, String> attrs = stringMap(actor.path("Attributes"));
                long nanos = n.path("timeNano").asLong(0);
                Instant time = nanos > 0 ? Instant.ofEpochSecond(0, nanos) : Instant.ofEpochSecond(n.path("time").asLong(0));
                return new PodmanEvent(n.path("Type").asText(), n.path("Action").asText(n.path("status").asText()),
                        actor.path("ID").asText(), attrs.get("name"), attrs, time);
            });
        } catch (IOException e) {
            get.cancel();
            throw new PodmanException("events failed: " + e.getMessage(), e);
        }
    }

    @Override
    public PodmanStream<LogFrame> logs(String nameOrId, int tail, boolean follow, boolean timestamps) {
        var get = new HttpGet(BASE + "/containers/" + enc(nameOrId) + "/logs?stdout=true&stderr=true&follow="
                + follow + "&timestamps=" + timestamps + "&tail=" + (tail < 0 ? "all" : Integer.toString(tail)));
        get.setConfig(follow ? STREAM : CALL);
        ClassicHttpResponse r = open(get, "logs " + nameOrId);
        try {
            var frames = new MultiplexedStream(r.getEntity().getContent());
            return new Stream<>(get, r, frames::next);
        } catch (IOException e) {
            get.cancel();
            throw new PodmanException("logs " + nameOrId + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        http.close(CloseMode.IMMEDIATE);
    }

    // --- plumbing

    private interface Reader<T> {
        T read() throws IOException;
    }

    /** A streaming response; close() cancels the request so the connection is shut, not drained. */
    private static final class Stream<T> implements PodmanStream<T> {
        private final HttpUriRequestBase request;
        private final ClassicHttpResponse response;
        private final Reader<T> reader;
        private volatile boolean closed;

        Stream(HttpUriRequestBase request, ClassicHttpResponse response, Reader<T> reader) {
            this.request = request;
            this.response = response;
            this.reader = reader;
        }

        @Override
        public T next() {
            if (closed) {
                return null;
            }
            try {
                T item = reader.read();
                if (item == null) {
                    close();
                }
                return item;
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    return null;
                }
                close();
                throw new PodmanException("stream " + request.getPath() + " broke: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            request.cancel();
            try {
                response.close();
            } catch (IOException | RuntimeException ignored) {
                // cancelled: the connection is already shut down
            }
        }
    }

    private ClassicHttpResponse open(HttpUriRequestBase request, String what) {
        if (request.getConfig() == null) {
            request.setConfig(CALL);
        }
        ClassicHttpResponse r;
        try {
            r = http.executeOpen(HOST, request, null);
        } catch (IOException | RuntimeException e) {
            throw new PodmanException("cannot reach Podman at " + socket + " (" + what + "): " + e.getMessage()
                    + " — is `podman system service` running?", e);
        }
        int code = r.getCode();
        if (code >= 400) {
            String body;
            try {
                body = r.getEntity() == null ? "" : EntityUtils.toString(r.getEntity(), StandardCharsets.UTF_8);
            } catch (Exception e) {
                body = "";
            } finally {
                try {
                    r.close();
                } catch (IOException ignored) {
                    // nothing to release
                }
            }
            throw new PodmanException(code, what + " failed (" + code + "): " + errorMessage(body));
        }
        return r;
    }

    private String call(HttpUriRequestBase request, String what) {
        try (ClassicHttpResponse r = open(request, what)) {
            return r.getEntity() == null ? "" : EntityUtils.toString(r.getEntity(), StandardCharsets.UTF_8);
        } catch (IOException | org.apache.hc.core5.http.ParseException e) {
            throw new PodmanException(what + " failed: " + e.getMessage(), e);
        }
    }

    private boolean exists(HttpUriRequestBase request, String what) {
        try {
            call(request, what);
            return true;
        } catch (PodmanException e) {
            if (e.notFound()) {
                return false;
            }
            throw e;
        }
    }

    private String errorMessage(String body) {
        try {
            JsonNode n = json.readTree(body);
            String m = n.path("message").asText(n.path("cause").asText(""));
            if (!m.isEmpty()) {
                return m;
            }
        } catch (IOException | RuntimeException ignored) {
            // not JSON
        }
        return body.length() > 300 ? body.substring(0, 300) : body.strip();
    }

    private JsonNode tree(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new PodmanException(500, "unexpected answer from Podman: " + e.getMessage());
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> stringMap(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Map.of();
        }
        Map<String, String> m = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Instant instant(String text) {
        if (text == null || text.isEmpty() || text.startsWith("0001-01-01")) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
