package win.pvdify.webhooks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Webhook requests with the JDK's HTTP client: never following redirects (a redirect to an internal address
 * would be SSRF by the back door; a 3xx counts as a failed attempt), bounded connect and answer times, the
 * answer's body discarded.
 */
public final class JdkWebhookSender implements WebhookSender {
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Duration timeout;

    public JdkWebhookSender(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public int post(URI url, Map<String, String> headers, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
