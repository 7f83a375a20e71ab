package win.pvdify.api;

import io.avaje.jsonb.Json;
import java.time.Instant;

/**
 * A backup of an add-on (GET /addons/{name}/backups): state running, succeeded or failed (error says why); bytes
 * is the size of the encrypted file on the server. Download it decrypted at .../backups/{id}/download.
 */
@Json(naming = Json.Naming.LowerUnderscore)
public record AddonBackup(long id, String addon, String state, Long bytes, String error, Instant createdAt,
                          Instant endedAt) {
}
