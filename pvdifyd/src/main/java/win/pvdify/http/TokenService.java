package win.pvdify.http;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import win.pvdify.api.CreateToken;
import win.pvdify.api.CreatedToken;
import win.pvdify.api.Token;
import win.pvdify.api.WireValue;
import win.pvdify.auth.Access;
import win.pvdify.auth.Access.Action;
import win.pvdify.auth.TokenSecrets;
import win.pvdify.names.AppName;
import win.pvdify.names.Shown;
import win.pvdify.store.AppQueries;
import win.pvdify.store.TokenQueries;

/**
 * /tokens (admin only): create (secret shown once), list, revoke. A deploy or preview token names an app that
 * exists: a typo would otherwise give a token that works for nothing (or for an app someone creates later), and
 * the store deletes it with its app (foreign key), so it never outlives the app. Revoking a token also ends the
 * log follows and event streams it holds open.
 */
public final class TokenService implements Routes.Resource {
    private final TokenQueries tokens;
    private final AppQueries apps;
    private final TokenSecrets secrets;
    private final JsonIo io;
    private final ErrorAnswers errors;
    private final OpenStreams streams;

    public TokenService(TokenQueries tokens, AppQueries apps, TokenSecrets secrets, JsonIo io, ErrorAnswers errors,
                        OpenStreams streams) {
        this.streams = streams;
        this.tokens = tokens;
        this.apps = apps;
        this.secrets = secrets;
        this.io = io;
        this.errors = errors;
    }

    @Override
    public ErrorAnswers errors() {
        return errors;
    }

    @Override
    public void routes(Routes r) {
        r.get("/tokens", this::list)
                .post("/tokens", this::create)
                .delete("/tokens/{id}", this::revoke);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Guard.allow(req, Action.ADMIN, null);
        io.send(res, tokens.list());
    }

    private void create(ServerRequest req, ServerResponse res) {
        Guard.allow(req, Action.ADMIN, null);
        CreateToken body = io.require(req, CreateToken.class);
        Token.Kind kind = body.kind() == null ? Token.Kind.DEPLOY : WireValue.fromWire(Token.Kind.class, body.kind())
                .orElseThrow(() -> ApiProblem.invalid("kind must be deploy, preview or admin"));
        if (Access.scoped(kind)) {
            if (body.app() == null) {
                throw ApiProblem.invalid("a " + kind.wire() + " token needs an app");
            }
            ApiProblem.check(AppName.problem(body.app()));
            if (!apps.exists(body.app())) {
                throw ApiProblem.notFound("no app '" + body.app() + "' (create it first: a " + kind.wire()
                        + " token is for an app that exists)");
            }
        } else if (body.app() != null) {
            throw ApiProblem.invalid("admin tokens are not scoped to an app");
        }
        String description = body.description();
        if (description != null && (description.length() > 200
                || description.chars().anyMatch(c -> c < 0x20 || c == 0x7f))) {
            throw ApiProblem.invalid("description must be one line of at most 200 characters: '"
                    + Shown.of(description) + "'");
        }
        String secret = secrets.newSecret();
        String id = secrets.newId();
        try {
            tokens.insert(id, TokenSecrets.hash(secret), kind, body.app(), description);
        } catch (RuntimeException e) {
            if (body.app() != null && !apps.exists(body.app())) {
                throw ApiProblem.notFound("no app '" + body.app() + "' (it was deleted meanwhile)");
            }
            throw e;
        }
        AuditNote.note(req, body.app(), null, "Create " + kind.wire() + " token " + id
                + (body.app() == null ? "" : " for " + body.app()));
        io.send(res, 201, new CreatedToken(tokens.find(id).orElseThrow(), secret));
    }

    private void revoke(ServerRequest req, ServerResponse res) {
        Guard.allow(req, Action.ADMIN, null);
        String id = req.path().pathParameters().get("id");
        var token = tokens.find(id).orElseThrow(() -> ApiProblem.notFound("no token '" + Shown.of(id) + "'"));
        if (Token.Kind.ADMIN.is(token.kind()) && tokens.countAdmins() <= 1) {
            throw ApiProblem.conflict("this is the last admin token; create another one first");
        }
        AuditNote.note(req, token.app(), null, "Revoke " + token.kind() + " token " + id);
        tokens.delete(id);
        streams.endAll(id);
        res.status(204).send();
    }
}
