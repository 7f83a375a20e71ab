package win.pvdify.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain GETs to loopback (a dyno's host port, or Caddy with a Host header). status -1 = no answer. */
final class HttpChecks {
    // Setting Host needs -Djdk.httpclient.allowRestrictedHeaders=host at JVM start (failsafe sets it in the pom).
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private HttpChecks() {
    }

    record Answer(int status, String body) {
        boolean ok() {
            return status == 200;
        }
    }

    static Answer get(int port, String host, String path) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10));
            if (host != null) {
                b.header("Host", host);
            }
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Answer(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, e.toString());
        }
    }

    static Answer get(int port, String path) {
        return get(port, null, path);
    }

    static int status(int port, String path) {
        return get(port, path).status();
    }

    /** The body when the answer is a 200, else null (for polling). */
    static String body200(int port, String path) {
        Answer a = get(port, path);
        return a.ok() ? a.body() : null;
    }

    /** The body of a 200 through Caddy for this Host, else null (for polling). */
    static String body200Host(int port, String host, String path) {
        Answer a = get(port, host, path);
        return a.ok() ? a.body() : null;
    }
}
