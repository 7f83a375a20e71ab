package win.pvdify.ops;

/**
 * The queue cannot take or cancel this operation now: 409 (it has ended, or it cannot be cancelled while it
 * runs), 429 (the app's queue is full).
 */
public final class OperationRefused extends RuntimeException {
    private final int status;

    public OperationRefused(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
