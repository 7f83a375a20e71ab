package win.pvdify.ops;

/**
 * The operation did not do what it was asked: message for the user; status for a client that waited for
 * the old blocking answer (409 the app cannot do this as it is, 503 the runtime is not available).
 */
public final class OperationFailed extends RuntimeException {
    private final int status;

    public OperationFailed(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
