package win.pvdify.ops;

/**
 * What an operation does, built from its stored kind and params (so a queued operation survives a restart).
 * prepare runs as soon as it is queued, outside the app's turn (an image pull), so a slow pull does not hold
 * up changes queued behind it; run runs in the app's turn, one operation of an app at a time.
 */
public interface OperationWork {

    /** Whether prepare has anything to do. */
    default boolean needsPrepare() {
        return false;
    }

    /** Runs before the app's turn (on its own thread); a failure ends the operation as failed. */
    default void prepare(OperationContext ctx) {
    }

    /** Does the change. Throws OperationFailed (or any exception) when it did not happen. */
    void run(OperationContext ctx);
}
