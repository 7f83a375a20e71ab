package win.pvdify.fakes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.HttpRequestRetryStrategy;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * A keep-alive HTTP client that only ever connects to 127.0.0.1, whatever host name a URL carries: a request for
 * http://my-app.example.test:PORT/ reaches 127.0.0.1:PORT with that Host header (how Caddy sees real traffic).
 * Timeouts of 5 s per request. Retries exactly one case, as browsers do: a kept-alive connection the server closed
 * just as it was reused (no response, or reset; RFC 9112 9.3.1); those retries are counted and reported. Refused
 * connections and timeouts are never retried: they are the errors a switch must not cause. Thread-safe.
 */
public final class LoopbackHttp implements AutoCloseable {

    /** A finished exchange. */
    public record Response(int status, String body) {
    }

    private final CloseableHttpClient client;
    private final List<String> retries = new CopyOnWriteArrayList<>();
    private final int maxRetries;

    public LoopbackHttp(int maxConnections) {
        this.maxRetries = maxConnections + 1;
        Timeout fiveSeconds = Timeout.ofSeconds(5);
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new LoopbackOnly())
                .setMaxConnTotal(maxConnections)
                .setMaxConnPerRoute(maxConnections)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(fiveSeconds)
                        .setSocketTimeout(fiveSeconds)
                        .setValidateAfterInactivity(TimeValue.ofMilliseconds(200))
                        .build())
                .build();
        client = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(fiveSeconds)
                        .setResponseTimeout(fiveSeconds)
                        .setRedirectsEnabled(false)
                        .build())
                .setRetryStrategy(new StaleConnectionRetry())
                .disableCookieManagement()
                .build();
    }

    /** GET http://host:port/path on loopback; throws IOException on any transport failure. */
    public Response get(String host, int port, String path) throws IOException {
        HttpGet get = new HttpGet("http://" + host + ":" + port + path);
        return client.execute(get, r -> new Response(r.getCode(),
                r.getEntity() == null ? "" : EntityUtils.toString(r.getEntity(), StandardCharsets.UTF_8)));
    }

    /** Like get, but transport failures become UncheckedIOException (for polling lambdas in tests). */
    public Response getUnchecked(String host, int port, String path) {
        try {
            return get(host, port, path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Why each retry happened (one line per retry). */
    public List<String> retries() {
        return List.copyOf(retries);
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class LoopbackOnly implements DnsResolver {
        @Override
        public InetAddress[] resolve(String host) throws java.net.UnknownHostException {
            return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    }

    private final class StaleConnectionRetry implements HttpRequestRetryStrategy {
        @Override
        public boolean retryRequest(HttpRequest request, IOException e, int execCount, HttpContext context) {
            // NoHttpResponse / reset before any byte: the server closed an idle keep-alive connection just as we
            // reused it (RFC 9112 9.3.1 lets clients retry idempotent requests then). Never a refused connection.
            boolean stale = e instanceof NoHttpResponseException
                    || (e instanceof SocketException && !(e instanceof ConnectException));
            // A Caddy reload closes every idle connection of the pool at once: the retry may lease another of them,
            // so allow one retry per pooled connection (bounded), then a fresh connection answers.
            if (stale && execCount <= maxRetries && "GET".equals(request.getMethod())) {
                retries.add(e.getClass().getSimpleName() + ": " + e.getMessage());
                return true;
            }
            return false;
        }

        @Override
        public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
            return false; // a 503 is an answer to record, not to hide
        }

        @Override
        public TimeValue getRetryInterval(HttpResponse response, int execCount, HttpContext context) {
            return TimeValue.ZERO_MILLISECONDS;
        }
    }
}
