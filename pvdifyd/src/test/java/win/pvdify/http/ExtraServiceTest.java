package win.pvdify.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import win.pvdify.TestDaemon;
import win.pvdify.routing.TlsAsk;
import win.pvdify.routing.TlsAskService;

/** Other parts' services mount next to the API: /tls/ask answers Caddy without a token. */
class ExtraServiceTest {

    @Test
    void tlsAskIsMountedAndOpen() throws Exception {
        try (TestDaemon t = new TestDaemon(b -> b.service("/tls",
                p -> new TlsAskService(new TlsAsk(host -> host.equals("www.example.com")))))) {
            HttpClient http = HttpClient.newHttpClient();
            assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(t.daemon.baseUrl()
                    + "/tls/ask?domain=www.example.com")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(t.daemon.baseUrl()
                    + "/tls/ask?domain=evil.example.com")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(401, http.send(HttpRequest.newBuilder(URI.create(t.daemon.baseUrl() + "/api/v1/apps")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }
}
