package win.pvdify.api;

import io.avaje.jsonb.Json;
import java.time.Instant;

/**
 * One numbered release. status: pending, deploying, current, rolled_back, superseded, failed.
 * failureReason holds why a deploy failed and the dyno's last log lines.
 */
@Json(naming = Json.Naming.LowerUnderscore)
public record Release(
        int version,
        String image,
        String imageDigest,
        int configVersion,
        String status,
        String description,
        String createdBy,
        String failureReason,
        Instant createdAt) {
}
