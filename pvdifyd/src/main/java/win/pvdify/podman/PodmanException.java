package win.pvdify.podman;

/** Podman could not be reached or refused a request; the message says what and why (status 0 = no answer). */
public class PodmanException extends RuntimeException {
    private final int status;

    public PodmanException(int status, String message) {
        super(message);
        this.status = status;
    }

    public PodmanException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    public int status() {
        return status;
    }

    public boolean notFound() {
        return status == 404;
    }
}
