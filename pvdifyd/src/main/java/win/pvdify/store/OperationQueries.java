package win.pvdify.store;

import static win.pvdify.store.schema.Tables.OPERATIONS;
import static win.pvdify.store.schema.Tables.OPERATION_EVENTS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jooq.impl.DSL;
import win.pvdify.api.Operation;
import win.pvdify.api.OperationEvent;
import win.pvdify.api.WireValue;
import win.pvdify.ops.OperationKind;
import win.pvdify.ops.OperationRequest;
import win.pvdify.store.schema.tables.records.OperationsRecord;

/** The operations table and each operation's ordered events. */
public final class OperationQueries {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Database db;
    private final Clock clock;

    public OperationQueries(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A new queued operation with its first event. */
    public StoredOperation insert(String app, OperationKind kind, String description, String createdBy,
                                  Map<String, String> params, String queuedMessage) {
        return insert(app, kind, createdBy, () -> new OperationRequest(description, params), d -> queuedMessage);
    }

    /**
     * Records what the request changes (its supplier's writes) and the queued operation in ONE transaction: a
     * refusal or a crash leaves neither the change without its operation nor the reverse.
     */
    public StoredOperation insert(String app, OperationKind kind, String createdBy, Supplier<OperationRequest> request,
                                  UnaryOperator<String> queuedMessage) {
        return db.write(ctx -> {
            OperationRequest r = request.get();
            String description = r.description();
            Map<String, String> params = r.params();
            String message = queuedMessage.apply(description);
            long id = ctx.insertInto(OPERATIONS)
                    .set(OPERATIONS.APP, app)
                    .set(OPERATIONS.KIND, kind.wire())
                    .set(OPERATIONS.STATE, Operation.State.QUEUED.wire())
                    .set(OPERATIONS.DESCRIPTION, description)
                    .set(OPERATIONS.CREATED_BY, createdBy)
                    .set(OPERATIONS.PARAMS, write(params))
                    .set(OPERATIONS.CREATED_AT, clock.millis())
                    .returningResult(OPERATIONS.ID).fetchOne().value1();
            addEvent(id, Operation.State.QUEUED.wire(), message);
            return find(id).orElseThrow();
        });
    }

    public Optional<StoredOperation> find(long id) {
        return db.read(ctx -> ctx.selectFrom(OPERATIONS).where(OPERATIONS.ID.eq((int) id))
                .fetchOptional(OperationQueries::toOperation));
    }

    /** The app's operations, newest first. */
    public List<StoredOperation> list(String app, int limit) {
        return db.read(ctx -> ctx.selectFrom(OPERATIONS).where(OPERATIONS.APP.eq(app))
                .orderBy(OPERATIONS.ID.desc()).limit(limit).fetch(OperationQueries::toOperation));
    }

    /** Every operation in the state, oldest first (queued ones after a restart, running ones a crash left). */
    public List<StoredOperation> inState(Operation.State state) {
        return db.read(ctx -> ctx.selectFrom(OPERATIONS).where(OPERATIONS.STATE.eq(state.wire()))
                .orderBy(OPERATIONS.ID).fetch(OperationQueries::toOperation));
    }

    /** Forgets the ended operations of an app name (a new app of the same name starts a new history). */
    public void forget(String app) {
        db.write(ctx -> ctx.deleteFrom(OPERATIONS).where(OPERATIONS.APP.eq(app))
                .and(OPERATIONS.STATE.in(Operation.State.SUCCEEDED.wire(), Operation.State.FAILED.wire(),
                        Operation.State.CANCELLED.wire())).execute());
    }

    public void markRunning(long id) {
        db.write(ctx -> ctx.update(OPERATIONS)
                .set(OPERATIONS.STATE, Operation.State.RUNNING.wire())
                .set(OPERATIONS.STARTED_AT, clock.millis())
                .where(OPERATIONS.ID.eq((int) id)).execute());
    }

    /** Back to queued (a restart found it running and will finish it). */
    public void requeue(long id) {
        db.write(ctx -> ctx.update(OPERATIONS).set(OPERATIONS.STATE, Operation.State.QUEUED.wire())
                .where(OPERATIONS.ID.eq((int) id)).execute());
    }

    public void setRelease(long id, int release) {
        db.write(ctx -> ctx.update(OPERATIONS).set(OPERATIONS.RELEASE, release)
                .where(OPERATIONS.ID.eq((int) id)).execute());
    }

    public void requestCancel(long id, String by) {
        db.write(ctx -> ctx.update(OPERATIONS).set(OPERATIONS.CANCEL_BY, by)
                .where(OPERATIONS.ID.eq((int) id)).execute());
    }

    /** Ends the operation and adds its final event (stage = the end state) in one transaction. */
    public StoredOperation finish(long id, Operation.State end, String error, Integer errorCode, String message) {
        return db.write(ctx -> {
            ctx.update(OPERATIONS)
                    .set(OPERATIONS.STATE, end.wire())
                    .set(OPERATIONS.ERROR, error)
                    .set(OPERATIONS.ERROR_CODE, errorCode)
                    .set(OPERATIONS.ENDED_AT, clock.millis())
                    .where(OPERATIONS.ID.eq((int) id)).execute();
            addEvent(id, end.wire(), message);
            return find(id).orElseThrow();
        });
    }

    /** Appends an event; returns its seq (1, 2, ... per operation). */
    public long addEvent(long id, String stage, String message) {
        return db.write(ctx -> {
            Integer max = ctx.select(DSL.max(OPERATION_EVENTS.SEQ)).from(OPERATION_EVENTS)
                    .where(OPERATION_EVENTS.OPERATION.eq((int) id)).fetchOne().value1();
            int seq = max == null ? 1 : max + 1;
            ctx.insertInto(OPERATION_EVENTS)
                    .set(OPERATION_EVENTS.OPERATION, (int) id)
                    .set(OPERATION_EVENTS.SEQ, seq)
                    .set(OPERATION_EVENTS.AT, clock.millis())
                    .set(OPERATION_EVENTS.STAGE, stage)
                    .set(OPERATION_EVENTS.MESSAGE, message == null ? "" : message)
                    .execute();
            return (long) seq;
        });
    }

    /** Events after seq, oldest first, at most limit. */
    public List<Event> events(long id, long afterSeq, int limit) {
        return db.read(ctx -> ctx.selectFrom(OPERATION_EVENTS)
                .where(OPERATION_EVENTS.OPERATION.eq((int) id).and(OPERATION_EVENTS.SEQ.gt((int) afterSeq)))
                .orderBy(OPERATION_EVENTS.SEQ).limit(limit)
                .fetch(r -> new Event(r.getSeq(), Instant.ofEpochMilli(r.getAt()), r.getStage(), r.getMessage())));
    }

    /** One stored event. */
    public record Event(long seq, Instant at, String stage, String message) {
        public OperationEvent toApi(StoredOperation endedWith) {
            return new OperationEvent(seq, at, stage, message, endedWith == null ? null : endedWith.toApi());
        }
    }

    private static StoredOperation toOperation(OperationsRecord r) {
        return new StoredOperation(r.getId(), r.getApp(),
                OperationKind.fromWire(r.getKind()).orElseThrow(() -> new StoreException("unknown kind " + r.getKind(), null)),
                WireValue.fromWire(Operation.State.class, r.getState())
                        .orElseThrow(() -> new StoreException("unknown state " + r.getState(), null)),
                r.getDescription(), r.getCreatedBy(), read(r.getParams()), r.getRelease(), r.getError(),
                r.getErrorCode(), r.getCancelBy(), Instant.ofEpochMilli(r.getCreatedAt()),
                r.getStartedAt() == null ? null : Instant.ofEpochMilli(r.getStartedAt()),
                r.getEndedAt() == null ? null : Instant.ofEpochMilli(r.getEndedAt()));
    }

    private static String write(Map<String, String> params) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(params));
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot write operation params: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> read(String json) {
        try {
            return JSON.readValue(json, new TypeReference<TreeMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new StoreException("unreadable operation params: " + e.getMessage(), e);
        }
    }
}
