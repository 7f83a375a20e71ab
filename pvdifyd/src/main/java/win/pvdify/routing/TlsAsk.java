package win.pvdify.routing;

import java.util.Locale;

/**
 * Caddy's on-demand TLS "ask": may Caddy obtain a certificate for this name? Only for hosts that belong to an app,
 * so nobody can make the server request certificates for arbitrary names (and hit the CA's rate limits).
 */
public final class TlsAsk {
    private final DomainLookup domains;

    public TlsAsk(DomainLookup domains) {
        this.domains = domains;
    }

    /** domain as Caddy sends it (?domain=HOST); null, malformed or unknown names are refused. */
    public boolean allowed(String domain) {
        if (domain == null) {
            return false;
        }
        String host = domain.strip().toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.startsWith("*.") || !CaddyRoutes.validHost(host)) {
            return false;
        }
        return domains.isRouted(host);
    }
}
