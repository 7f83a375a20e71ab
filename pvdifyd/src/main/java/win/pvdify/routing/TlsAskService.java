package win.pvdify.routing;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * GET /tls/ask?domain=HOST for Caddy's on_demand_tls: 200 when HOST belongs to an app, 404 when not, 400 without a
 * domain. Mount with routing.register("/tls", new TlsAskService(ask)). No authentication, but only for Caddy
 * itself: a peer that is not loopback, or a request Caddy proxied (api.<base-domain> forwards to this same
 * port, adding X-Forwarded-For), gets 404 as if the route did not exist, so nobody outside can enumerate the
 * custom domains served here.
 */
public final class TlsAskService implements HttpService {
    private final TlsAsk ask;

    public TlsAskService(TlsAsk ask) {
        this.ask = ask;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/ask", this::ask);
    }

    private void ask(ServerRequest req, ServerResponse res) {
        if (!local(req)) {
            res.status(Status.NOT_FOUND_404).send("not found\n");
            return;
        }
        var domain = req.query().first("domain");
        if (domain.isEmpty() || domain.get().isBlank()) {
            res.status(Status.BAD_REQUEST_400).send("missing ?domain=\n");
            return;
        }
        if (ask.allowed(domain.get())) {
            res.send("ok\n");
        } else {
            res.status(Status.NOT_FOUND_404).send("no app serves this domain\n");
        }
    }

    /** Caddy's own ask: from loopback, not proxied. */
    static boolean local(ServerRequest req) {
        boolean loopback = req.remotePeer().address() instanceof java.net.InetSocketAddress a
                && a.getAddress() != null && a.getAddress().isLoopbackAddress();
        var h = req.headers();
        return loopback && !h.contains(io.helidon.http.HeaderNames.X_FORWARDED_FOR)
                && !h.contains(io.helidon.http.HeaderNames.FORWARDED)
                && !h.contains(io.helidon.http.HeaderNames.X_FORWARDED_HOST)
                && !h.contains(io.helidon.http.HeaderNames.X_FORWARDED_PROTO);
    }
}
