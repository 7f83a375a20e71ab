package win.pvdify.ops;

import java.util.Locale;
import java.util.Optional;

/** Where an operation is: queued, running, then one of the three ends. */
public enum OperationState {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean ended() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    public static Optional<OperationState> fromWire(String wire) {
        for (OperationState s : values()) {
            if (s.wire().equals(wire)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
