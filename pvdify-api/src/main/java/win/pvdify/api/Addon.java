package win.pvdify.api;

import io.avaje.jsonb.Json;
import java.time.Instant;
import java.util.List;

/**
 * A managed add-on (GET /addons, /addons/{name}, /apps/{name}/addons).
 *
 * <ul>
 * <li>kind: postgres or redis; version: the image tag it runs (image)</li>
 * <li>app: the app it was created for (restart and destroy run in its queue)</li>
 * <li>state: running, exited, missing... as Podman sees its container now</li>
 * <li>attachments: the apps that use it, each with the config var it set and the URL with the password
 * masked</li>
 * </ul>
 */
@Json(naming = Json.Naming.LowerUnderscore)
public record Addon(String name, String kind, String version, String image, String app, String state,
                    Instant createdAt, List<AddonAttachment> attachments) {
}
