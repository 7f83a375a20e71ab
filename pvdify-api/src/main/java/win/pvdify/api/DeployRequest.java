package win.pvdify.api;

import io.avaje.jsonb.Json;

/** POST /apps/{name}/releases. description defaults to "Deploy IMAGE". */
@Json(naming = Json.Naming.LowerUnderscore)
public record DeployRequest(String image, String description) {
}
