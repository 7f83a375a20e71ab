package win.pvdify.ops;

import java.util.function.BooleanSupplier;
import win.pvdify.store.StoredOperation;

/** What running work sees of its operation: its record, a way to report, and whether it should stop. */
public interface OperationContext {

    StoredOperation operation();

    /** Adds an event (stage: pull, release, start, health, switch, drain, dns, remove, info...). */
    void event(String stage, String message);

    /** Records the release this operation made. */
    void release(int version);

    /** True once somebody asked to cancel this operation while it runs. */
    boolean cancelRequested();

    /** The same, as a supplier the engine polls between steps and while it waits. */
    default BooleanSupplier cancellation() {
        return this::cancelRequested;
    }
}
