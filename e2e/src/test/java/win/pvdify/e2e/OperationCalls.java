package win.pvdify.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Raw calls of the operations API as any client makes them: 202 answers, SSE events, cancel. */
final class OperationCalls {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String token;

    OperationCalls(int port, String token) {
        this.base = "http://127.0.0.1:" + port;
        this.token = token;
    }

    /** Sends a change without waiting; returns the operation id of its 202 answer. */
    long submit(String method, String path, String json) {
        HttpResponse<String> res = send(method, path, json);
        if (res.statusCode() != 202) {
            throw new IllegalStateException(method + " " + path + " answered " + res.statusCode() + ": " + res.body());
        }
        return read(res.body()).get("id").asLong();
    }

    JsonNode operation(long id) {
        return read(send("GET", "/api/v1/operations/" + id, null).body());
    }

    String state(long id) {
        return operation(id).get("state").asText();
    }

    int cancel(long id) {
        return send("DELETE", "/api/v1/operations/" + id, null).statusCode();
    }

    JsonNode history(String app) {
        return read(send("GET", "/api/v1/apps/" + app + "/operations?limit=500", null).body());
    }

    /** Reads the event stream until an event matches (returns the events so far) or the stream ends. */
    List<JsonNode> eventsUntil(long id, Predicate<JsonNode> stop) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/v1/operations/" + id + "/events"))
                .header("Authorization", "Bearer " + token).build();
        List<JsonNode> out = new ArrayList<>();
        try {
            HttpResponse<InputStream> res = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader in = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("data: ")) {
                        JsonNode e = read(line.substring(6));
                        out.add(e);
                        if (stop.test(e)) {
                            return out;
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** Follows the operation to its end; returns its final state. */
    String awaitEnd(long id) {
        List<JsonNode> events = eventsUntil(id, e -> e.has("operation"));
        return events.isEmpty() || !events.getLast().has("operation") ? state(id)
                : events.getLast().get("operation").get("state").asText();
    }

    private HttpResponse<String> send(String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
