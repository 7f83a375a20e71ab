package win.pvdify.store;

import java.time.Instant;
import java.util.Map;
import win.pvdify.api.Operation;
import win.pvdify.ops.OperationKind;

/**
 * An operation as stored. params are the kind's arguments (never a secret); errorCode is the HTTP status a
 * blocking client gets for a failure (409 the app cannot do it, 503 the runtime is down); cancelBy names who
 * asked to cancel it while it ran.
 */
public record StoredOperation(
        long id,
        String app,
        OperationKind kind,
        Operation.State state,
        String description,
        String createdBy,
        Map<String, String> params,
        Integer release,
        String error,
        Integer errorCode,
        String cancelBy,
        Instant createdAt,
        Instant startedAt,
        Instant endedAt) {

    public String param(String name) {
        return params.get(name);
    }

    public Operation toApi() {
        return new Operation(id, app, kind.wire(), state.wire(), description, createdBy, release, error, createdAt,
                startedAt, endedAt);
    }
}
