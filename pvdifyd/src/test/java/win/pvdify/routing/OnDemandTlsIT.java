package win.pvdify.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import win.pvdify.fakes.CaddyProcess;
import win.pvdify.fakes.TaggedBackend;

/**
 * Caddy's on-demand TLS asks pvdifyd's /tls/ask (TlsAskService on a real Helidon server): a host of an app gets a
 * certificate (from Caddy's internal CA here) and is served; any other name gets no certificate at all.
 */
class OnDemandTlsIT {
    private static final int HTTPS = 19412;
    private static final int ADMIN = 19413;
    private static final String HOST = "my-app.paas.test";

    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final TaggedBackend app = new TaggedBackend("app");
    private WebServer pvdifyd;
    private CaddyProcess caddy;

    @BeforeEach
    void start() {
        DomainLookup routed = host -> {
            asked.add(host);
            return Set.of(HOST).contains(host);
        };
        pvdifyd = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> r.register("/tls", new TlsAskService(new TlsAsk(routed)))).build().start();
        caddy = new CaddyProcess(CaddyProcess.Options.of(Path.of("target/caddy-tls-it"), HTTPS, ADMIN, "paas.test")
                .withUpstreams("127.0.0.1:" + pvdifyd.port(), null)
                .withOnDemandTls("http://127.0.0.1:" + pvdifyd.port() + "/tls/ask")).start();
        new CaddyAdminHttp(URI.create(caddy.adminUrl()), caddy.serverName(), RouteSettings.defaults(),
                Duration.ofSeconds(5)).route("my-app", List.of(HOST), List.of(new Upstream("127.0.0.1", app.port())));
    }

    @AfterEach
    void stop() {
        caddy.close();
        pvdifyd.stop();
        app.close();
    }

    @Test
    void onlyAppHostsGetCertificates() throws Exception {
        assertEquals("HTTP/1.1 200 OK", fetch(HOST));
        assertTrue(asked.contains(HOST), "Caddy asked pvdifyd: " + asked);

        assertThrows(SSLException.class, () -> fetch("stranger.paas.test"));
        assertTrue(asked.contains("stranger.paas.test"), "Caddy asked pvdifyd: " + asked);
    }

    @Test
    void theAskIsNotReachableThroughTheApiHost() throws Exception {
        // api.<base-domain> proxies to pvdifyd's port; /tls/ask through it would tell anyone which domains exist
        assertEquals("HTTP/1.1 404 Not Found", fetch("api.paas.test", "/tls/ask?domain=" + HOST));
        assertFalse(asked.contains(HOST), "pvdifyd was asked through the API host: " + asked);
    }

    private static String fetch(String host) throws Exception {
        return fetch(host, "/");
    }

    /** GET path over TLS with this SNI name and Host header; returns the status line. */
    private static String fetch(String host, String path) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {new TrustAnything()}, null); // Caddy's internal CA: tests only
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", HTTPS), 5000);
            socket.setSoTimeout(30_000); // first handshake of a name waits for the ask and the issuance
            SSLParameters params = socket.getSSLParameters();
            params.setServerNames(List.of(new SNIHostName(host)));
            socket.setSSLParameters(params);
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return response.lines().findFirst().orElse("");
        }
    }

    private static final class TrustAnything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
