package win.pvdify.api;

import io.avaje.jsonb.Json;

/** Limits for every dyno of an app: memory in MiB, cpu in cores (e.g. 0.5); null means no limit. */
@Json(naming = Json.Naming.LowerUnderscore)
public record Resources(Integer memoryMb, Double cpu) {
}
