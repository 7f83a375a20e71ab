package win.pvdify.store;

/** The database could not do what was asked (file unreadable, disk full...). */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
