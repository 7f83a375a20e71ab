package win.pvdify.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import win.pvdify.auth.Caller;
import win.pvdify.metrics.PlatformMetrics;
import win.pvdify.metrics.PrometheusText;

/**
 * GET /metrics in Prometheus text format. A scraper on the host (loopback, not proxied) needs no token; anything
 * else, requests Caddy forwards from api.<base-domain> included (they carry X-Forwarded-For), needs an admin
 * token (401 without one, 403 with another kind): the metrics name every app and dyno.
 */
public final class MetricsService implements Routes.Resource {
    private final PlatformMetrics metrics;
    private final ApiFilter auth;
    private final ErrorAnswers errors;

    public MetricsService(PlatformMetrics metrics, ApiFilter auth, ErrorAnswers errors) {
        this.metrics = metrics;
        this.auth = auth;
        this.errors = errors;
    }

    @Override
    public ErrorAnswers errors() {
        return errors;
    }

    @Override
    public void routes(Routes r) {
        r.get("/metrics", this::metrics);
    }

    private void metrics(ServerRequest req, ServerResponse res) {
        if (!localScraper(req)) {
            Optional<Caller> caller = auth.authenticate(req.headers().first(HeaderNames.AUTHORIZATION));
            if (caller.isEmpty()) {
                res.header("WWW-Authenticate", "Bearer");
                errors.send(req, res, 401, "missing or invalid token (/metrics needs an admin token unless scraped "
                        + "on the host itself)");
                return;
            }
            if (!caller.get().isAdmin()) {
                throw ApiProblem.forbidden("/metrics needs an admin token");
            }
        }
        res.header(HeaderNames.CONTENT_TYPE, PrometheusText.CONTENT_TYPE);
        res.send(PrometheusText.render(metrics.collect()).getBytes(StandardCharsets.UTF_8));
    }

    /** A loopback peer that no proxy speaks for (Caddy adds X-Forwarded-For, Forwarded is the standard form). */
    static boolean localScraper(ServerRequest req) {
        boolean loopback = req.remotePeer().address() instanceof InetSocketAddress a && a.getAddress() != null
                && a.getAddress().isLoopbackAddress();
        var h = req.headers();
        return loopback && !h.contains(HeaderNames.X_FORWARDED_FOR) && !h.contains(HeaderNames.FORWARDED)
                && !h.contains(HeaderNames.create("X-Real-IP"));
    }
}
