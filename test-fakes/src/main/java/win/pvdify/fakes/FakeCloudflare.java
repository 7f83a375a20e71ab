package win.pvdify.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local fake of the Cloudflare API v4 endpoints Pvdify uses, over loopback:
 * GET /zones (name, page, per_page), GET and POST /zones/{id}/dns_records, DELETE /zones/{id}/dns_records/{rid},
 * GET /user/tokens/verify. Checks the Bearer token, answers the documented envelope
 * {success, errors[{code,message}], messages, result, result_info}, records every call it saw and can be told
 * to fail the next call. GET /__fake/calls and /__fake/records show what it saw (for bats).
 */
public final class FakeCloudflare implements AutoCloseable {

    /** One request the fake received. */
    public record Call(String method, String path, String query, String body) {
        @Override
        public String toString() {
            return method + " " + path + (query == null ? "" : "?" + query);
        }
    }

    private record Failure(int status, int code, String message) {
    }

    private record Reply(int status, ObjectNode body) {
    }

    private static final Pattern RECORDS = Pattern.compile("^/zones/([^/]+)/dns_records$");
    private static final Pattern RECORD = Pattern.compile("^/zones/([^/]+)/dns_records/([^/]+)$");
    private static final String PREFIX = "/client/v4";

    private final String token;
    private final ObjectMapper json = new ObjectMapper();
    private final FakeZones state = new FakeZones();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private ExecutorService executor;

    public FakeCloudflare(String token) {
        this.token = token;
    }

    /** Starts on 127.0.0.1:port (0 = any free port). */
    public FakeCloudflare start(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException("FakeCloudflare cannot listen on 127.0.0.1:" + port, e);
        }
        executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** What a client sets as the API base URL. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + PREFIX;
    }

    /** Adds an active zone; returns its id. */
    public String addZone(String name) {
        return state.addZone(name).id();
    }

    /** Adds a record directly (setup for tests); returns its id. */
    public String addRecord(String zoneId, String type, String name, String content, boolean proxied) {
        FakeZones.Zone zone = state.zone(zoneId).orElseThrow(() -> new IllegalArgumentException("no zone " + zoneId));
        return state.add(zone, type, name, content, proxied, 1).orElseThrow().id();
    }

    /** Every call seen so far (including failed and unauthorized ones), oldest first. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public void clearCalls() {
        calls.clear();
    }

    /** Current records of every zone, as "TYPE name -> content (proxied)" lines. */
    public List<String> recordLines() {
        return state.allRecords().stream()
                .map(r -> r.type() + " " + r.name() + " -> " + r.content() + (r.proxied() ? " (proxied)" : ""))
                .toList();
    }

    /** The next API call (after authentication) answers this error instead of doing its work. */
    public void failNext(int status, int code, String message) {
        failures.add(new Failure(status, code, message));
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String query = ex.getRequestURI().getRawQuery();
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (path.startsWith("/__fake/")) {
                send(ex, 200, inspect(path));
                return;
            }
            calls.add(new Call(ex.getRequestMethod(), path, query, body.isEmpty() ? null : body));
            Reply reply = answer(ex.getRequestMethod(), path, params(query), body,
                    ex.getRequestHeaders().getFirst("Authorization"));
            send(ex, reply.status(), reply.body());
        }
    }

    private Reply answer(String method, String fullPath, Map<String, String> q, String body, String auth) {
        if (!fullPath.startsWith(PREFIX + "/")) {
            return error(404, 7000, "No route for that URI");
        }
        String path = fullPath.substring(PREFIX.length());
        if (auth == null || !auth.startsWith("Bearer ")) {
            return error(400, 6003, "Invalid request headers");
        }
        if (!auth.substring("Bearer ".length()).equals(token)) {
            return error(403, 10000, "Authentication error");
        }
        if (!failures.isEmpty()) {
            Failure f = failures.remove(0);
            return error(f.status(), f.code(), f.message());
        }
        Matcher one = RECORD.matcher(path);
        Matcher many = RECORDS.matcher(path);
        return switch (method) {
            case "GET" -> path.equals("/zones") ? listZones(q)
                    : path.equals("/user/tokens/verify") ? ok(json.createObjectNode().put("id", "fake-token")
                    .put("status", "active"))
                    : many.matches() ? listRecords(many.group(1), q)
                    : error(404, 7003, "Could not route to " + path + ", perhaps your object identifier is invalid?");
            case "POST" -> many.matches() ? createRecord(many.group(1), body)
                    : error(405, 10405, "Method not allowed for " + path);
            case "DELETE" -> one.matches() ? deleteRecord(one.group(1), one.group(2))
                    : error(405, 10405, "Method not allowed for " + path);
            default -> error(405, 10405, "Method not allowed");
        };
    }

    private Reply listZones(Map<String, String> q) {
        List<ObjectNode> all = new ArrayList<>();
        for (FakeZones.Zone z : state.zones(q.get("name"))) {
            all.add(json.createObjectNode().put("id", z.id()).put("name", z.name()).put("status", z.status()));
        }
        return page(all, q, 20, 5, 50);
    }

    private Reply listRecords(String zoneId, Map<String, String> q) {
        if (state.zone(zoneId).isEmpty()) {
            return error(404, 7003, "Could not route to /zones/" + zoneId + "/dns_records, perhaps your object"
                    + " identifier is invalid?");
        }
        List<ObjectNode> all = state.records(zoneId, q.get("name"), q.get("type")).stream()
                .map(this::recordJson).toList();
        return page(all, q, 100, 5, 5000);
    }

    private Reply createRecord(String zoneId, String body) {
        Optional<FakeZones.Zone> zone = state.zone(zoneId);
        if (zone.isEmpty()) {
            return error(404, 7003, "Could not route to /zones/" + zoneId + "/dns_records, perhaps your object"
                    + " identifier is invalid?");
        }
        JsonNode in;
        try {
            in = json.readTree(body);
        } catch (IOException e) {
            return error(400, 9207, "Request body is invalid.");
        }
        if (in == null || !in.path("type").isTextual() || !in.path("name").isTextual()
                || !in.path("content").isTextual()) {
            return error(400, 9000, "DNS record type, name and content are required.");
        }
        if (!List.of("A", "AAAA", "CNAME", "TXT").contains(in.get("type").asText())) {
            return error(400, 1004, "DNS Validation Error");
        }
        return state.add(zone.get(), in.get("type").asText(), in.get("name").asText(), in.get("content").asText(),
                        in.path("proxied").asBoolean(false), in.path("ttl").asInt(1))
                .map(r -> ok(recordJson(r)))
                .orElseGet(() -> error(400, 81053, "An A, AAAA, or CNAME record with that host already exists."));
    }

    private Reply deleteRecord(String zoneId, String recordId) {
        if (!state.delete(zoneId, recordId)) {
            return error(404, 81044, "Record does not exist.");
        }
        return ok(json.createObjectNode().put("id", recordId));
    }

    private ObjectNode recordJson(FakeZones.Record r) {
        String zoneName = state.zone(r.zoneId()).map(FakeZones.Zone::name).orElse("");
        return json.createObjectNode().put("id", r.id()).put("zone_id", r.zoneId()).put("zone_name", zoneName)
                .put("type", r.type()).put("name", r.name()).put("content", r.content())
                .put("proxied", r.proxied()).put("proxiable", true).put("ttl", r.ttl());
    }

    private Reply page(List<ObjectNode> all, Map<String, String> q, int defaultSize, int min, int max) {
        int perPage;
        int page;
        try {
            perPage = Math.max(min, Math.min(max, Integer.parseInt(q.getOrDefault("per_page", "" + defaultSize))));
            page = Math.max(1, Integer.parseInt(q.getOrDefault("page", "1")));
        } catch (NumberFormatException e) {
            return error(400, 1001, "Invalid page or per_page");
        }
        int from = Math.min(all.size(), (page - 1) * perPage);
        int to = Math.min(all.size(), from + perPage);
        ArrayNode result = json.createArrayNode();
        all.subList(from, to).forEach(result::add);
        ObjectNode env = envelope(true);
        env.set("result", result);
        env.putObject("result_info").put("page", page).put("per_page", perPage).put("count", to - from)
                .put("total_count", all.size()).put("total_pages", (all.size() + perPage - 1) / perPage);
        return new Reply(200, env);
    }

    private Reply ok(JsonNode result) {
        ObjectNode env = envelope(true);
        env.set("result", result);
        return new Reply(200, env);
    }

    private Reply error(int status, int code, String message) {
        ObjectNode env = envelope(false);
        env.withArray("errors").addObject().put("code", code).put("message", message);
        env.putNull("result");
        return new Reply(status, env);
    }

    private ObjectNode envelope(boolean success) {
        ObjectNode env = json.createObjectNode().put("success", success);
        env.putArray("errors");
        env.putArray("messages");
        return env;
    }

    private ObjectNode inspect(String path) {
        ObjectNode out = json.createObjectNode();
        if (path.equals("/__fake/calls")) {
            ArrayNode list = out.putArray("calls");
            calls.forEach(c -> list.addObject().put("method", c.method()).put("path", c.path())
                    .put("query", c.query()).put("body", c.body()));
        } else {
            ArrayNode list = out.putArray("records");
            recordLines().forEach(list::add);
        }
        return out;
    }

    private void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static Map<String, String> params(String rawQuery) {
        Map<String, String> out = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }
}
