package win.pvdify.api;

/** The answer to POST /tokens: the only time the secret is shown. */
public record CreatedToken(Token token, String secret) {
}
