package win.pvdify.api;

import java.time.Instant;

/**
 * A login for a private image registry (host[:port]). POST /registries sends the password; listings never
 * show it (password null).
 */
public record RegistryCredential(String registry, String username, String password, Instant createdAt) {
}
