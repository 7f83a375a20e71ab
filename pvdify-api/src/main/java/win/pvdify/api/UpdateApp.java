package win.pvdify.api;

import io.avaje.jsonb.Json;

/** PATCH /apps/{name}: only the fields given change. */
@Json(naming = Json.Naming.LowerUnderscore)
public record UpdateApp(Integer bindPort, Resources resources, Healthcheck healthcheck, Boolean readOnly,
                        String environment) {
}
