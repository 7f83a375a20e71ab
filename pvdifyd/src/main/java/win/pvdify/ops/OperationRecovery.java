package win.pvdify.ops;

import java.util.ArrayList;
import java.util.List;
import win.pvdify.api.Operation;
import win.pvdify.store.OperationQueries;
import win.pvdify.store.StoredOperation;

/**
 * At start, before anything else runs: settles the operations a kill -9 left running. Deletes, domain
 * changes and maintenance switches are finished (their work is idempotent: it checks what is already done), so they go back to the
 * queue; a deploy, rollback, config change, scale or restart fails, and the engine's recovery then converges
 * the app to its current release (failing the release it was deploying).
 */
public final class OperationRecovery {
    static final String RESTARTED = "pvdifyd restarted while it ran";

    private OperationRecovery() {
    }

    /** Returns what it did, one line per operation. */
    public static List<String> settle(OperationQueries store) {
        List<String> done = new ArrayList<>();
        for (StoredOperation op : store.inState(Operation.State.RUNNING)) {
            switch (op.kind()) {
                case APP_DELETE, DOMAIN_ADD, DOMAIN_REMOVE, MAINTENANCE -> {
                    store.requeue(op.id());
                    store.addEvent(op.id(), Operation.State.QUEUED.wire(), RESTARTED + "; queued again to finish it");
                    done.add("operation " + op.id() + " (" + op.kind().wire() + " " + op.app() + ") queued again");
                }
                default -> {
                    boolean cancelled = op.cancelBy() != null;
                    store.finish(op.id(), cancelled ? Operation.State.CANCELLED : Operation.State.FAILED,
                            cancelled ? "cancelled by " + op.cancelBy() : RESTARTED, cancelled ? null : 503,
                            (cancelled ? "Cancelled by " + op.cancelBy() : "Failed: " + RESTARTED)
                                    + "; the app goes back to its current release");
                    done.add("operation " + op.id() + " (" + op.kind().wire() + " " + op.app() + ") failed");
                }
            }
        }
        return done;
    }
}
