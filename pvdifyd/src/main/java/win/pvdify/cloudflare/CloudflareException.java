package win.pvdify.cloudflare;

/**
 * Cloudflare said no, or could not be reached. status: its HTTP status (0 = unreachable); code: the first
 * errors[].code of its envelope (0 = none). The message is meant for the user as it is.
 */
public class CloudflareException extends RuntimeException {
    private final int status;
    private final int code;

    public CloudflareException(int status, int code, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public int code() {
        return code;
    }
}
