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

    /** A release's life: pending, deploying, then current, later superseded or rolled_back; or failed. */
    public enum Status implements WireValue {
        PENDING, DEPLOYING, CURRENT, SUPERSEDED, ROLLED_BACK, FAILED;

        /** Whether a release with this status (as read) has finished deploying: neither pending nor deploying. */
        public static boolean ended(String status) {
            return !PENDING.is(status) && !DEPLOYING.is(status);
        }
    }
}
