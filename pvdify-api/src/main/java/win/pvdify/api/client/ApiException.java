package win.pvdify.api.client;

/** The API answered with an error (status >= 400), or could not be reached (status 0). */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String requestId;

    public ApiException(int status, String message, String requestId) {
        super(message);
        this.status = status;
        this.requestId = requestId;
    }

    public ApiException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.requestId = null;
    }

    /** HTTP status, or 0 when the server was not reached. */
    public int status() {
        return status;
    }

    public String requestId() {
        return requestId;
    }
}
