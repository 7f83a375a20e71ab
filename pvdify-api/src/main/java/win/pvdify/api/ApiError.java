package win.pvdify.api;

/** Every error answer of the API: {"error": "...", "id": "<request id>"}. */
public record ApiError(String error, String id) {
}
