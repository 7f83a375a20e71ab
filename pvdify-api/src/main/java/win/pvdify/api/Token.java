package win.pvdify.api;

import io.avaje.jsonb.Json;
import java.time.Instant;

/** A token as listed; the secret itself is only in {@link CreatedToken}, once. */
@Json(naming = Json.Naming.LowerUnderscore)
public record Token(String id, String kind, String app, String description, Instant createdAt, Instant lastUsedAt) {

    /**
     * admin: may do everything; deploy: scoped to one app (and its preview apps); preview: only the preview apps
     * APP-pr-N of its app, never the app itself (for pull-request workflows).
     */
    public enum Kind implements WireValue {
        ADMIN, DEPLOY, PREVIEW
    }
}
