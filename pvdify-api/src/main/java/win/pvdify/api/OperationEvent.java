package win.pvdify.api;

import io.avaje.jsonb.Json;
import java.time.Instant;

/**
 * One event of an operation, numbered from 1 in the order it happened (the SSE id, for Last-Event-ID).
 * stage: queued, waiting, pull, release, start, health, switch, drain, dns, remove, info, and last one of
 * succeeded, failed or cancelled, which carries the operation as it ended.
 */
@Json(naming = Json.Naming.LowerUnderscore)
public record OperationEvent(long seq, Instant at, String stage, String message, Operation operation) {
}
