package win.pvdify.http;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import win.pvdify.api.CreateWebhook;
import win.pvdify.api.Webhook;
import win.pvdify.auth.Access.Action;
import win.pvdify.commands.WebhookSubscriptions;
import win.pvdify.store.StoredApp;

/**
 * /apps/{name}/webhooks (admins: a webhook sends every operation of the app somewhere): add, list, remove, and
 * each webhook's delivery log.
 */
public final class WebhookService implements Routes.Resource {
    private final Guard guard;
    private final JsonIo io;
    private final ErrorAnswers errors;
    private final WebhookSubscriptions webhooks;

    public WebhookService(Guard guard, JsonIo io, ErrorAnswers errors, WebhookSubscriptions webhooks) {
        this.guard = guard;
        this.io = io;
        this.errors = errors;
        this.webhooks = webhooks;
    }

    @Override
    public ErrorAnswers errors() {
        return errors;
    }

    @Override
    public void routes(Routes r) {
        r.get("/apps/{name}/webhooks", this::list)
                .post("/apps/{name}/webhooks", this::add)
                .delete("/apps/{name}/webhooks/{id}", this::remove)
                .get("/apps/{name}/webhooks/{id}/deliveries", this::deliveries);
    }

    private void list(ServerRequest req, ServerResponse res) {
        io.send(res, webhooks.list(guard.app(req, Action.UPDATE_APP).name()));
    }

    private void add(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.UPDATE_APP);
        CreateWebhook body = io.require(req, CreateWebhook.class);
        Webhook w = webhooks.add(app.name(), body.url(), body.include(), body.format(), body.secret(),
                Guard.caller(req).displayName());
        AuditNote.note(req, app.name(), null, "Add webhook " + w.id() + " to " + w.url() + " ("
                + String.join(",", w.include()) + ")");
        io.send(res, 201, w);
    }

    private void remove(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.UPDATE_APP);
        webhooks.remove(app.name(), req.path().pathParameters().get("id"));
        res.status(204).send();
    }

    private void deliveries(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.UPDATE_APP);
        String limit = req.query().first("limit").orElse("50");
        if (!limit.matches("[0-9]{1,4}") || Integer.parseInt(limit) < 1 || Integer.parseInt(limit) > 1000) {
            throw ApiProblem.badRequest("limit must be a whole number from 1 to 1000");
        }
        io.send(res, webhooks.deliveries(app.name(), req.path().pathParameters().get("id"),
                Integer.parseInt(limit)));
    }
}
