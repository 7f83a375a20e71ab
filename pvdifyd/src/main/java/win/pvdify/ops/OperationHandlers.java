package win.pvdify.ops;

import win.pvdify.store.StoredOperation;

/** Turns a stored operation into its work (the application layer knows how each kind is done). */
@FunctionalInterface
public interface OperationHandlers {
    OperationWork workFor(StoredOperation operation);
}
