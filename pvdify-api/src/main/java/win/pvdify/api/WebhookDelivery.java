package win.pvdify.api;

import io.avaje.jsonb.Json;
import java.time.Instant;

/**
 * One delivery of one event to a webhook: state pending (retried with back-off until next_attempt_at),
 * delivered (the receiver answered 2xx) or failed (out of attempts); status_code and error of the last attempt.
 */
@Json(naming = Json.Naming.LowerUnderscore)
public record WebhookDelivery(long id, String webhookId, String event, Long operationId, String state, int attempts,
                              Integer statusCode, String error, Instant createdAt, Instant lastAttemptAt,
                              Instant nextAttemptAt) {

    public enum State implements WireValue {
        PENDING, DELIVERED, FAILED
    }
}
