package win.pvdify.http;

/** The id of one request: in the X-Request-Id header and every error body, so logs and users can meet. */
public record RequestId(String value) {
}
