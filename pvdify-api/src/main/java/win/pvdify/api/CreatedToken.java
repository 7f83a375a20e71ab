package win.pvdify.api;

import io.avaje.jsonb.Json;

/** The answer to POST /tokens: the only time the secret is shown. */
@Json(naming = Json.Naming.LowerUnderscore)
public record CreatedToken(Token token, String secret) {
}
