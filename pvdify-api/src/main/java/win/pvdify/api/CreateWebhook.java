package win.pvdify.api;

import io.avaje.jsonb.Json;
import java.util.List;

/** POST /apps/{name}/webhooks: url (http or https), include (default: operation), format (json), secret. */
@Json(naming = Json.Naming.LowerUnderscore)
public record CreateWebhook(String url, List<String> include, String format, String secret) {
}
