package win.pvdify.http;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import win.pvdify.api.AddDomain;
import win.pvdify.api.Operation;
import win.pvdify.auth.Access.Action;
import win.pvdify.auth.Caller;
import win.pvdify.commands.Commands;
import win.pvdify.names.Hostname;
import win.pvdify.names.Shown;
import win.pvdify.store.Store;
import win.pvdify.store.StoredApp;
import win.pvdify.store.StoredOperation;

/** /apps/{name}/domains: custom hostnames, unique across apps; the default one stays. */
public final class DomainService implements Routes.Resource {
    private final Store store;
    private final Guard guard;
    private final JsonIo io;
    private final ErrorAnswers errors;
    private final Commands commands;
    private final OperationAnswers answers;
    private final String baseDomain;

    public DomainService(Store store, Guard guard, JsonIo io, ErrorAnswers errors, Commands commands,
                         OperationAnswers answers, String baseDomain) {
        this.store = store;
        this.guard = guard;
        this.io = io;
        this.errors = errors;
        this.commands = commands;
        this.answers = answers;
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
        StoredOperation op = commands.domains().add(app, host, cloudflare, proxied, caller.displayName());
        answers.answer(req, res, op, end -> end.state() != Operation.State.SUCCEEDED ? null
                : new OperationAnswers.Blocking(201, store.domains().find(host).orElseThrow().domain()));
    }

    private void remove(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.DOMAINS);
        Caller caller = Guard.caller(req);
        String host = Hostname.normalize(req.path().pathParameters().get("hostname"));
        if (Hostname.problem(host) != null) {
            throw ApiProblem.notFound("app " + app.name() + " has no domain '" + Shown.of(host) + "'");
        }
        StoredOperation op = commands.domains().remove(app, host, caller.displayName());
        answers.answer(req, res, op, end -> end.state() != Operation.State.SUCCEEDED ? null
                : new OperationAnswers.Blocking(204, null));
    }
}
