package win.pvdify.admin;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpScheme;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/**
 * Every answer of the dashboard: never framed (X-Frame-Options DENY and CSP frame-ancestors 'none': app hosts
 * are same-site with admin.<base-domain>, so an app page could otherwise frame the signed-in dashboard and
 * trick a click on Rollback or Restart), no MIME sniffing, no referrer to other origins. A request that came
 * over HTTPS (Caddy's X-Forwarded-Proto: https, trusted only from a loopback peer, i.e. the local Caddy) is
 * treated as secure: HSTS, and the session cookie becomes {@value HostPrefixedSessions#PREFIX}JSESSIONID
 * (Secure, Path=/, no Domain: a sibling app host can neither read nor plant it; see HostPrefixedSessions).
 */
final class DashboardHeaders implements HttpConfiguration.Customizer {
    static final String HSTS = "max-age=31536000";

    @Override
    public Request customize(Request request, HttpFields.Mutable response) {
        response.put("X-Frame-Options", "DENY");
        response.put("Content-Security-Policy", "frame-ancestors 'none'");
        response.put("X-Content-Type-Options", "nosniff");
        response.put("Referrer-Policy", "same-origin");
        boolean secure = request.isSecure() || forwardedHttps(request);
        if (!secure) {
            return request;
        }
        response.put(HttpHeader.STRICT_TRANSPORT_SECURITY, HSTS);
        if (request.isSecure()) {
            return request;
        }
        return new Secure(request, HttpURI.build(request.getHttpURI()).scheme(HttpScheme.HTTPS));
    }

    /** X-Forwarded-Proto: https from the local reverse proxy (anyone else could claim it). */
    static boolean forwardedHttps(Request request) {
        String proto = request.getHeaders().get("X-Forwarded-Proto");
        return proto != null && proto.trim().equalsIgnoreCase("https")
                && loopback(request.getConnectionMetaData().getRemoteSocketAddress());
    }

    static boolean loopback(SocketAddress peer) {
        if (!(peer instanceof InetSocketAddress a)) {
            return false;
        }
        InetAddress address = a.getAddress();
        return address != null && address.isLoopbackAddress();
    }

    /** The request as secure (scheme https), as Caddy received it. */
    private static final class Secure extends Request.Wrapper {
        private final HttpURI uri;

        Secure(Request request, HttpURI uri) {
            super(request);
            this.uri = uri;
        }

        @Override
        public HttpURI getHttpURI() {
            return uri;
        }

        @Override
        public boolean isSecure() {
            return true;
        }
    }
}
