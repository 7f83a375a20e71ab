package win.pvdify.routing;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * GET /tls/ask?domain=HOST for Caddy's on_demand_tls: 200 when HOST belongs to an app, 404 when not, 400 without a
 * domain. Mount with routing.register("/tls", new TlsAskService(ask)). No authentication: Caddy calls it from
 * loopback and the answer only says whether a public hostname is served here.
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
}
