package win.pvdify.api;

import io.avaje.jsonb.Json;
import java.time.Instant;

/**
 * A login for a private image registry (host[:port]). POST /registries sends the password; listings never
 * show it (password null).
 */
@Json(naming = Json.Naming.LowerUnderscore)
public record RegistryCredential(String registry, String username, String password, Instant createdAt) {
}
