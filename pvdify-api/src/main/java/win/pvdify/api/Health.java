package win.pvdify.api;

/** GET /health. */
public record Health(String status, String version) {
}
