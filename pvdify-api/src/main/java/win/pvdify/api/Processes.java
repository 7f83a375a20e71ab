package win.pvdify.api;

import io.avaje.jsonb.Json;
import java.util.List;

/** GET /apps/{name}/ps: the formation (desired) and the dynos (observed). */
@Json(naming = Json.Naming.LowerUnderscore)
public record Processes(List<FormationEntry> formation, List<Dyno> dynos) {
}
