package win.pvdify.ops;

/**
 * A use case or the queue refused a request as things are now: 404 unknown, 409 conflict (or an operation that
 * has ended or cannot stop), 422 invalid, 429 the app's queue is full, 503 pvdifyd is stopping.
 */
public final class Refused extends RuntimeException {
    private final int status;

    public Refused(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static Refused conflict(String message) {
        return new Refused(409, message);
    }

    public static Refused notFound(String message) {
        return new Refused(404, message);
    }

    public static Refused invalid(String message) {
        return new Refused(422, message);
    }
}
