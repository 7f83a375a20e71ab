package win.pvdify.api;

import java.util.Locale;
import java.util.Optional;

/**
 * A closed set of values the API sends as strings (a dyno's state, an app's status...): one enum per set, next
 * to the record whose field carries it, so the daemon, the CLI and the dashboard name each value in one place.
 * The records keep String fields: the wire format is the lower-case constant name.
 */
public interface WireValue {
    /** The enum constant's name (implemented by every enum). */
    String name();

    /** The value as the API writes it: the constant's name in lower case (ROLLED_BACK is rolled_back). */
    default String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a value read from the wire is this one (false for null and for unknown values). */
    default boolean is(String wire) {
        return wire().equals(wire);
    }

    /** The constant of {@code type} whose wire name is {@code wire}; empty for null and unknown values. */
    static <E extends Enum<E> & WireValue> Optional<E> fromWire(Class<E> type, String wire) {
        for (E value : type.getEnumConstants()) {
            if (value.is(wire)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /**
     * The constant of {@code type} whose wire name is {@code wire}, for values this side wrote itself (a stored
     * row): an unknown one is a bug, not input.
     */
    static <E extends Enum<E> & WireValue> E parse(Class<E> type, String wire) {
        return fromWire(type, wire).orElseThrow(() -> new IllegalArgumentException(
                "not a " + type.getSimpleName() + ": " + wire));
    }
}
