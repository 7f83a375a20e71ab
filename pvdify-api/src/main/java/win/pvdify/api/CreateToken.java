package win.pvdify.api;

/** POST /tokens (admin only). kind: deploy (app required) or admin. */
public record CreateToken(String kind, String app, String description) {
}
