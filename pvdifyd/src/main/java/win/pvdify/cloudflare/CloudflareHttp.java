package win.pvdify.cloudflare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import win.pvdify.api.DnsRecord;
import win.pvdify.api.DnsZone;
import win.pvdify.api.StatusCheck;

/**
 * Cloudflare's API v4 over HTTPS: Bearer token, the {success, errors, result, result_info} envelope, paginated
 * lists. Errors become CloudflareException with Cloudflare's own errors[].message texts.
 */
public final class CloudflareHttp implements DnsProvider {

    public static final String DEFAULT_BASE_URL = "https://api.cloudflare.com/client/v4";
    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9]{1,64}$");
    private static final int MAX_PAGES = 200;

    private final String base;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    /** baseUrl: DEFAULT_BASE_URL or a test fake's; timeout: per request (connect and answer). */
    public CloudflareHttp(URI baseUrl, String token, Duration timeout) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("Cloudflare API token is empty");
        }
        String b = baseUrl.toString();
        this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
        this.token = token.strip();
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** From CLOUDFLARE_API_TOKEN (and optional CLOUDFLARE_API_BASE_URL); empty when no token is set. */
    public static Optional<CloudflareHttp> fromEnvironment(Map<String, String> env) {
        String token = env.get("CLOUDFLARE_API_TOKEN");
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        String base = env.getOrDefault("CLOUDFLARE_API_BASE_URL", DEFAULT_BASE_URL);
        return Optional.of(new CloudflareHttp(URI.create(base), token, Duration.ofSeconds(15)));
    }

    @Override
    public List<DnsZone> zones() {
        return pages("/zones", 50, z -> new DnsZone(z.path("id").asText(), z.path("name").asText(),
                z.path("status").asText(null)));
    }

    @Override
    public List<DnsRecord> records(String zoneId) {
        return pages("/zones/" + id(zoneId) + "/dns_records", 100, r -> new DnsRecord(r.path("id").asText(),
                r.path("type").asText(), r.path("name").asText(), r.path("content").asText(),
                r.path("proxied").isBoolean() ? r.get("proxied").asBoolean() : null));
    }

    @Override
    public String createCname(String zoneId, String name, String target, boolean proxied) {
        ObjectNode body = json.createObjectNode().put("type", "CNAME").put("name", name).put("content", target)
                .put("proxied", proxied).put("ttl", 1);
        JsonNode result = call("POST", "/zones/" + id(zoneId) + "/dns_records", body.toString()).path("result");
        if (!result.path("id").isTextual()) {
            throw new CloudflareException(200, 0, "Cloudflare created no record id for " + name, null);
        }
        return result.get("id").asText();
    }

    @Override
    public void deleteRecord(String zoneId, String recordId) {
        try {
            call("DELETE", "/zones/" + id(zoneId) + "/dns_records/" + id(recordId), null);
        } catch (CloudflareException e) {
            if (e.code() != 81044) { // "Record does not exist": already gone is what we wanted
                throw e;
            }
        }
    }

    /** For GET /status: is the token accepted? (ok / down with Cloudflare's reason). */
    public StatusCheck status() {
        try {
            String s = call("GET", "/user/tokens/verify", null).path("result").path("status").asText("unknown");
            return new StatusCheck("cloudflare", s.equals("active") ? StatusCheck.OK : StatusCheck.DEGRADED,
                    "API token " + s);
        } catch (CloudflareException e) {
            return new StatusCheck("cloudflare", StatusCheck.DOWN, e.getMessage());
        }
    }

    private <T> List<T> pages(String path, int perPage, Function<JsonNode, T> map) {
        List<T> out = new ArrayList<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            JsonNode env = call("GET", path + "?page=" + page + "&per_page=" + perPage, null);
            env.path("result").forEach(n -> out.add(map.apply(n)));
            int totalPages = env.path("result_info").path("total_pages").asInt(1);
            if (page >= totalPages || env.path("result").isEmpty()) {
                return out;
            }
        }
        throw new CloudflareException(200, 0, "Cloudflare listed more than " + MAX_PAGES + " pages of " + path, null);
    }

    private JsonNode call(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CloudflareException(0, 0, "Cloudflare API at " + base + " is unreachable ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudflareException(0, 0, "interrupted while calling Cloudflare", e);
        }
        JsonNode env;
        try {
            env = json.readTree(r.body());
        } catch (IOException e) {
            env = null;
        }
        if (env == null || !env.isObject()) {
            throw new CloudflareException(r.statusCode(), 0, "Cloudflare answered HTTP " + r.statusCode()
                    + " without its JSON envelope", null);
        }
        if (r.statusCode() / 100 != 2 || !env.path("success").asBoolean(false)) {
            throw failure(r.statusCode(), env);
        }
        return env;
    }

    private static CloudflareException failure(int status, JsonNode env) {
        List<String> messages = new ArrayList<>();
        int firstCode = 0;
        for (JsonNode e : env.path("errors")) {
            int code = e.path("code").asInt(0);
            firstCode = firstCode == 0 ? code : firstCode;
            messages.add(e.path("message").asText("unknown error") + (code == 0 ? "" : " (code " + code + ")"));
        }
        String text = messages.isEmpty() ? "HTTP " + status : String.join("; ", messages);
        String hint = status == 401 || status == 403 || firstCode == 6003 || firstCode == 10000
                ? " — check CLOUDFLARE_API_TOKEN (it needs Zone:DNS:Edit on the zone)" : "";
        return new CloudflareException(status, firstCode, "Cloudflare: " + text + hint, null);
    }

    private static String id(String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid Cloudflare id '" + value + "'");
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
