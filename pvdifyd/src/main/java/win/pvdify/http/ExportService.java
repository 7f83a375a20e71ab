package win.pvdify.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import win.pvdify.auth.Access;
import win.pvdify.auth.Access.Action;
import win.pvdify.commands.AppExports;
import win.pvdify.kube.KubeOptions;
import win.pvdify.store.StoredApp;

/**
 * /apps/{name}/export?format=kube[&include_secrets=true][&cert_issuer=NAME]: the app's current release as
 * Kubernetes manifests (multi-document YAML). Whoever may read the app may export it; config values and registry
 * passwords only go to callers that may read config (admins), and only when asked for.
 */
public final class ExportService implements Routes.Resource {
    private final Guard guard;
    private final ErrorAnswers errors;
    private final AppExports exports;

    public ExportService(Guard guard, ErrorAnswers errors, AppExports exports) {
        this.guard = guard;
        this.errors = errors;
        this.exports = exports;
    }

    @Override
    public ErrorAnswers errors() {
        return errors;
    }

    @Override
    public void routes(Routes r) {
        r.get("/apps/{name}/export", this::export);
    }

    private void export(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.READ_APP);
        String format = req.query().first("format").orElse("kube");
        if (AppExports.Format.fromWire(format).isEmpty()) {
            throw ApiProblem.badRequest("unknown export format '" + win.pvdify.names.Shown.of(format)
                    + "': the one format is kube");
        }
        boolean secrets = switch (req.query().first("include_secrets").orElse("false")) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiProblem.badRequest("include_secrets must be true or false");
        };
        if (secrets && !Access.allows(Guard.caller(req), Action.READ_CONFIG, app.name())) {
            throw ApiProblem.forbidden("this token may not read config: export without include_secrets");
        }
        KubeOptions options;
        try {
            options = new KubeOptions(secrets, req.query().first("cert_issuer").orElse(null));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(e.getMessage());
        }
        String yaml;
        try {
            yaml = exports.kube(app.name(), options);
        } catch (AppExports.NothingToExport e) {
            throw ApiProblem.conflict(e.getMessage());
        } catch (IllegalArgumentException e) { // a stored value the export cannot carry (e.g. a broken command)
            throw new ApiProblem(422, "cannot export " + app.name() + ": " + e.getMessage());
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/yaml; charset=utf-8");
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + app.name() + ".kube.yaml\"");
        res.header(HeaderNames.CACHE_CONTROL, "no-store"); // it may hold secrets
        res.send(yaml.getBytes(StandardCharsets.UTF_8));
    }
}
