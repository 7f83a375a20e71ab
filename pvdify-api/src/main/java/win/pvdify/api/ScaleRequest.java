package win.pvdify.api;

import io.avaje.jsonb.Json;
import java.util.List;

/** POST /apps/{name}/ps/scale: {"updates":[{"type":"web","count":3}]}. */
@Json(naming = Json.Naming.LowerUnderscore)
public record ScaleRequest(List<FormationEntry> updates) {
}
