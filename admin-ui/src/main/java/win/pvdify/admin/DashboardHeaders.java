package win.pvdify.admin;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.eclipse.jetty.http.HttpField;
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
 * (Secure, Path=/, no Domain: a sibling app host can neither read nor plant it). On such a request only that
 * cookie counts as the session: a plain JSESSIONID planted by an app host is dropped.
 */
final class DashboardHeaders implements HttpConfiguration.Customizer {
    static final String HSTS = "max-age=31536000";

    private final String sessionCookie;

    DashboardHeaders(String sessionCookie) {
        this.sessionCookie = sessionCookie;
    }

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
            return new Cookies(request, request.getHttpURI(), sessionCookie);
        }
        return new Cookies(request, HttpURI.build(request.getHttpURI()).scheme(HttpScheme.HTTPS), sessionCookie);
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

    /**
     * Cookie: keeps only the __Host- session cookie, under the name the session handler reads; a plain one
     * (which any host of the same site can set) is dropped.
     */
    static String secureCookieHeader(String header, String name) {
        StringBuilder out = new StringBuilder();
        for (String part : header.split(";")) {
            String p = part.trim();
            if (p.isEmpty() || p.startsWith(name + "=")) {
                continue;
            }
            if (p.startsWith(HostPrefixedSessions.PREFIX + name + "=")) {
                p = p.substring(HostPrefixedSessions.PREFIX.length());
            }
            if (!out.isEmpty()) {
                out.append("; ");
            }
            out.append(p);
        }
        return out.toString();
    }

    /** The request as secure (scheme https) with its Cookie header rewritten by secureCookieHeader. */
    private static final class Cookies extends Request.Wrapper {
        private final HttpURI uri;
        private final HttpFields headers;

        Cookies(Request request, HttpURI uri, String name) {
            super(request);
            this.uri = uri;
            HttpFields.Mutable h = HttpFields.build();
            for (HttpField f : request.getHeaders()) {
                if (f.getHeader() == HttpHeader.COOKIE) {
                    String v = secureCookieHeader(f.getValue(), name);
                    if (!v.isEmpty()) {
                        h.add(HttpHeader.COOKIE, v);
                    }
                } else {
                    h.add(f);
                }
            }
            this.headers = h.asImmutable();
        }

        @Override
        public HttpURI getHttpURI() {
            return uri;
        }

        @Override
        public boolean isSecure() {
            return true;
        }

        @Override
        public HttpFields getHeaders() {
            return headers;
        }
    }
}
