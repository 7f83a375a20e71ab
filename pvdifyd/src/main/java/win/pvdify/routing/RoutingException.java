package win.pvdify.routing;

/**
 * A route could not be changed. unreachable = the router did not answer (down, restarting, timeout): the change is
 * kept and pushed again when it is back; otherwise the router refused the change (message says why).
 */
public class RoutingException extends RuntimeException {
    private final boolean unreachable;

    public RoutingException(String message, boolean unreachable, Throwable cause) {
        super(message, cause);
        this.unreachable = unreachable;
    }

    public boolean unreachable() {
        return unreachable;
    }
}
