package win.pvdify.api;

import io.avaje.jsonb.Json;

/** POST /apps/{name}/rollback. version null = the release before the current one. */
@Json(naming = Json.Naming.LowerUnderscore)
public record RollbackRequest(Integer version) {
}
