package win.pvdify.commands;

/** A use case refused a request as the app is now: 404 unknown, 409 conflict, 422 invalid. */
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
