package win.pvdify.http;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import win.pvdify.api.AddDomain;
import win.pvdify.auth.Access.Action;
import win.pvdify.auth.Caller;
import win.pvdify.cloudflare.DomainDnsException;
import win.pvdify.names.Hostname;
import win.pvdify.names.Shown;
import win.pvdify.routing.DomainHook;
import win.pvdify.store.DomainQueries.StoredDomain;
import win.pvdify.store.Store;
import win.pvdify.store.StoredApp;

/** /apps/{name}/domains: custom hostnames, unique across apps; the default one stays. */
public final class DomainService implements Routes.Resource {
    private final Store store;
    private final Guard guard;
    private final JsonIo io;
    private final ErrorAnswers errors;
    private final ReleaseFlow flow;
    private final DomainHook hook;
    private final String baseDomain;

    public DomainService(Store store, Guard guard, JsonIo io, ErrorAnswers errors, ReleaseFlow flow, DomainHook hook,
                         String baseDomain) {
        this.store = store;
        this.guard = guard;
        this.io = io;
        this.errors = errors;
        this.flow = flow;
        this.hook = hook;
        this.baseDomain = baseDomain;
    }

    @Override
    public ErrorAnswers errors() {
        return errors;
    }

    @Override
    public void routes(Routes r) {
        r.get("/apps/{name}/domains", this::list)
                .post("/apps/{name}/domains", this::add)
                .delete("/apps/{name}/domains/{hostname}", this::remove);
    }

    private void list(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.READ_DOMAINS);
        io.send(res, store.domains().list(app.name()));
    }

    private void add(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.DOMAINS);
        Caller caller = Guard.caller(req);
        AddDomain body = io.require(req, AddDomain.class);
        String host = Hostname.normalize(body.hostname());
        ApiProblem.check(Hostname.problem(host));
        if (host.equals(baseDomain) || host.endsWith("." + baseDomain)) {
            throw ApiProblem.invalid("names under " + baseDomain + " are the apps' default domains");
        }
        boolean cloudflare = Boolean.TRUE.equals(body.cloudflare());
        boolean proxied = Boolean.TRUE.equals(body.proxied());
        store.db().write(ctx -> {
            store.domains().find(host).ifPresent(d -> {
                throw ApiProblem.conflict(d.app().equals(app.name())
                        ? host + " is already a domain of " + app.name()
                        : host + " is already used by another app");
            });
            store.domains().insert(app.name(), host, "custom", cloudflare ? proxied : null);
            return null;
        });
        String recordId;
        try {
            recordId = hook.onAdded(app.name(), host, cloudflare, proxied);
        } catch (RuntimeException e) {
            store.domains().delete(host);
            throw e instanceof ApiProblem p ? p
                    : e instanceof DomainDnsException d ? new ApiProblem(d.httpStatus(), d.getMessage())
                    : ApiProblem.unavailable("adding " + host + " failed: " + e.getMessage());
        }
        if (recordId != null) {
            store.domains().setDnsRecord(host, recordId);
        }
        store.events().add(app.name(), "api", "Domain " + host + " added by " + caller.displayName());
        ReleaseFlow.guarded("routing " + host, () -> flow.runtime().refreshRoutes(app.name()));
        io.send(res, 201, store.domains().find(host).orElseThrow().domain());
    }

    private void remove(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.DOMAINS);
        Caller caller = Guard.caller(req);
        String host = Hostname.normalize(req.path().pathParameters().get("hostname"));
        StoredDomain d = store.domains().find(host).filter(x -> x.app().equals(app.name()))
                .orElseThrow(() -> ApiProblem.notFound("app " + app.name() + " has no domain '" + Shown.of(host) + "'"));
        if ("default".equals(d.domain().kind())) {
            throw ApiProblem.conflict("the default domain " + host + " cannot be removed");
        }
        try {
            hook.onRemoved(app.name(), host, d.domain().dnsRecordId());
        } catch (DomainDnsException e) {
            throw new ApiProblem(e.httpStatus(), e.getMessage());
        } catch (RuntimeException e) {
            throw ApiProblem.unavailable("removing " + host + " failed: " + e.getMessage());
        }
        store.domains().delete(host);
        store.events().add(app.name(), "api", "Domain " + host + " removed by " + caller.displayName());
        ReleaseFlow.guarded("routing " + app.name(), () -> flow.runtime().refreshRoutes(app.name()));
        res.status(204).send();
    }
}
