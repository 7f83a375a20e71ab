package win.pvdify.http;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import win.pvdify.api.RegistryCredential;
import win.pvdify.auth.Access.Action;
import win.pvdify.names.Hostname;
import win.pvdify.names.Shown;
import win.pvdify.store.RegistryQueries;

/** /registries (admin only): logins for private images; passwords stored encrypted, never shown again. */
public final class RegistryService implements Routes.Resource {
    private final RegistryQueries registries;
    private final JsonIo io;
    private final ErrorAnswers errors;

    public RegistryService(RegistryQueries registries, JsonIo io, ErrorAnswers errors) {
        this.registries = registries;
        this.io = io;
        this.errors = errors;
    }

    @Override
    public ErrorAnswers errors() {
        return errors;
    }

    @Override
    public void routes(Routes r) {
        r.get("/registries", this::list)
                .post("/registries", this::add)
                .delete("/registries/{registry}", this::remove);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Guard.allow(req, Action.ADMIN, null);
        io.send(res, registries.list());
    }

    private void add(ServerRequest req, ServerResponse res) {
        Guard.allow(req, Action.ADMIN, null);
        RegistryCredential body = io.require(req, RegistryCredential.class);
        String registry = body.registry() == null ? null : body.registry().trim().toLowerCase(java.util.Locale.ROOT);
        ApiProblem.check(Hostname.registryProblem(registry));
        if (body.username() == null || body.username().isEmpty() || body.username().length() > 256
                || body.username().chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw ApiProblem.invalid("username is required (one line, at most 256 characters)");
        }
        if (body.password() == null || body.password().isEmpty() || body.password().length() > 8192
                || body.password().indexOf('\0') >= 0) {
            throw ApiProblem.invalid("password is required (at most 8192 characters, no NUL)");
        }
        registries.put(registry, body.username(), body.password());
        AuditNote.note(req, null, null, "Log in to registry " + registry + " as " + body.username());
        io.send(res, 201, registries.list().stream().filter(c -> c.registry().equals(registry)).findFirst()
                .orElseThrow());
    }

    private void remove(ServerRequest req, ServerResponse res) {
        Guard.allow(req, Action.ADMIN, null);
        String registry = req.path().pathParameters().get("registry");
        if (!registries.delete(registry)) {
            throw ApiProblem.notFound("no login for registry '" + Shown.of(registry) + "'");
        }
        res.status(204).send();
    }
}
