package win.pvdify.api;

/** GET /whoami: what the caller's token may do. kind: admin or deploy; app set for deploy tokens. */
public record Whoami(String kind, String app, String tokenId) {
}
