package win.pvdify.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.ee11.servlet.SessionHandler;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.session.ManagedSession;

/**
 * The session handler whose cookie, on a secure request, is {@value #PREFIX}JSESSIONID with Secure and Path=/
 * and no Domain (the browser then refuses it from any other host and over plain HTTP). Over plain HTTP (a local
 * base domain, or http://127.0.0.1:9444 directly) it stays JSESSIONID: a Secure cookie would not be kept there.
 * On a secure request only that cookie names the session: a plain JSESSIONID (which any host of the same site
 * can plant, e.g. an app's page) is ignored, so it can neither fix nor ride a session.
 */
final class HostPrefixedSessions extends SessionHandler {
    static final String PREFIX = "__Host-";

    @Override
    public HttpCookie getSessionCookie(ManagedSession session, boolean requestIsSecure) {
        HttpCookie cookie = super.getSessionCookie(session, requestIsSecure);
        if (cookie == null || !requestIsSecure) {
            return cookie;
        }
        Map<String, String> attributes = new LinkedHashMap<>(cookie.getAttributes());
        attributes.remove(HttpCookie.DOMAIN_ATTRIBUTE);
        attributes.put(HttpCookie.PATH_ATTRIBUTE, "/");
        attributes.put(HttpCookie.SECURE_ATTRIBUTE, "true");
        return HttpCookie.from(PREFIX + cookie.getName(), cookie.getValue(), attributes);
    }

    @Override
    protected RequestedSession resolveRequestedSessionId(Request request) {
        if (!request.isSecure()) {
            return super.resolveRequestedSessionId(request);
        }
        String name = PREFIX + getSessionCookie();
        String id = null;
        for (HttpCookie c : Request.getCookies(request)) {
            if (name.equals(c.getName())) {
                id = c.getValue();
            }
        }
        if (id == null || id.isEmpty()) {
            return RequestedSession.NO_REQUESTED_SESSION;
        }
        ManagedSession session = getManagedSession(id);
        if (session != null && !session.isValid()) {
            session = null;
        }
        return new RequestedSession(session, id, RequestedSession.ID_FROM_COOKIE);
    }
}
