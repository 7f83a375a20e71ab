package win.pvdify.api;

import io.avaje.jsonb.Json;

/** Process type -> count (+ optional command override). Only "web" gets ports and routes. */
@Json(naming = Json.Naming.LowerUnderscore)
public record FormationEntry(String type, int count, String command) {
}
