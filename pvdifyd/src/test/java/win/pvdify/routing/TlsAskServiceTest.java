package win.pvdify.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.util.Set;
import org.junit.jupiter.api.Test;

@ServerTest
class TlsAskServiceTest {
    private final Http1Client client;

    TlsAskServiceTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        routing.register("/tls", new TlsAskService(new TlsAsk(Set.of("my-app.paas.test")::contains)));
    }

    @Test
    void answersCaddysAsk() {
        assertEquals(200, client.get("/tls/ask").queryParam("domain", "my-app.paas.test").request().status().code());
        assertEquals(404, client.get("/tls/ask").queryParam("domain", "evil.test").request().status().code());
        assertEquals(400, client.get("/tls/ask").request().status().code());
    }

    @Test
    void refusesWhatCaddyProxiedFromOutside() {
        // api.<base-domain> proxies to the same port: what comes through it carries Caddy's X-Forwarded-* headers
        for (String header : new String[] {"X-Forwarded-For", "Forwarded", "X-Forwarded-Host", "X-Forwarded-Proto"}) {
            assertEquals(404, client.get("/tls/ask").queryParam("domain", "my-app.paas.test")
                    .header(io.helidon.http.HeaderNames.create(header), "203.0.113.9").request().status().code(), header);
        }
    }
}
