package win.pvdify.api;

import io.avaje.jsonb.Json;
import java.time.Instant;

/**
 * The body of a json-format webhook delivery: event is the type the webhook asked for that this operation
 * matched (release, build, dyno or operation), operation the operation as GET /operations/{id} shows it (ended:
 * succeeded, failed or cancelled), at when it ended. Signed in the Pvdify-Signature header when the webhook has
 * a secret.
 */
@Json(naming = Json.Naming.LowerUnderscore)
public record WebhookEvent(long delivery, String event, String app, Operation operation, Instant at) {
}
