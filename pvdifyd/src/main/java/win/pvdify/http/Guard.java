package win.pvdify.http;

import io.helidon.webserver.http.ServerRequest;
import win.pvdify.auth.Access;
import win.pvdify.auth.Caller;
import win.pvdify.names.AppName;
import win.pvdify.store.AppQueries;
import win.pvdify.store.StoredApp;

/** Per-route checks: the caller may do this (403), the app exists (404). */
public final class Guard {
    private final AppQueries apps;

    public Guard(AppQueries apps) {
        this.apps = apps;
    }

    public static Caller caller(ServerRequest req) {
        return req.context().get(Caller.class).orElseThrow(() -> new ApiProblem(401, "missing or invalid token"));
    }

    /** The caller may do `action` on `app` (which need not exist). */
    public static Caller allow(ServerRequest req, Access.Action action, String app) {
        Caller c = caller(req);
        if (!Access.allows(c, action, app)) {
            throw ApiProblem.forbidden(c.isAdmin() ? "not allowed"
                    : "this " + c.kind().wire() + " token (app " + c.app() + ") may not do that" + (app == null ? "" : " on " + app));
        }
        return c;
    }

    /** The path's app, after the access check; 404 when it does not exist. */
    public StoredApp app(ServerRequest req, Access.Action action) {
        String name = req.path().pathParameters().get("name");
        allow(req, action, name);
        if (!AppName.isValid(name)) {
            throw ApiProblem.notFound("no app named '" + win.pvdify.names.Shown.of(name) + "'");
        }
        return apps.find(name).orElseThrow(() -> ApiProblem.notFound("no app named '" + name + "'"));
    }
}
