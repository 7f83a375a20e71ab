package win.pvdify.ops;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import win.pvdify.api.Operation;
import win.pvdify.store.OperationQueries;
import win.pvdify.store.StoredOperation;

/**
 * Runs operations: one at a time per app, in the order they were asked for, apps in parallel, each on a
 * platform thread of its own (engine calls block in native Podman socket reads, which would pin virtual
 * threads). Every state change and event is in the store first, so a client can follow from anywhere and a
 * restart loses nothing: queued operations run after the next start; running ones are settled by
 * OperationRecovery before start() is called.
 *
 * <p>Order: an operation runs when every earlier one of its app has ended, with one exception: while an
 * earlier deploy or rollback still pulls its image (prepare), config, scale, restart and domain changes may go
 * ahead of it. Releases are recorded when an operation runs, so versions stay sequential and a deploy that
 * ran late still carries the newest config.
 *
 * <p>Limits: at most {@value #MAX_QUEUED_PER_APP} operations waiting per app and {@value #MAX_QUEUED} in all;
 * beyond that submit answers 429 instead of piling up threads.
 */
public final class OperationQueue implements AutoCloseable {
    public static final int MAX_QUEUED_PER_APP = 50;
    public static final int MAX_QUEUED = 1000;

    private final OperationQueries store;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, Lane> lanes = new HashMap<>();
    private final Map<Long, Entry> live = new HashMap<>();
    private OperationHandlers handlers;
    /** Told of every operation that ended (webhooks), after its end is stored. */
    private final List<java.util.function.Consumer<StoredOperation>> endListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private boolean started;
    private boolean closed;

    private enum Prep { NONE, RUNNING, DONE, FAILED }

    private static final class Entry {
        final long id;
        final String app;
        final OperationKind kind;
        OperationWork work;
        Prep prep = Prep.NONE;
        String prepError;
        volatile boolean cancel;
        boolean running;
        boolean finished;
        long lastSeq;

        Entry(StoredOperation op) {
            this.id = op.id();
            this.app = op.app();
            this.kind = op.kind();
        }

        boolean ready() {
            return !work.needsPrepare() || prep == Prep.DONE || prep == Prep.FAILED;
        }
    }

    private static final class Lane {
        final Deque<Entry> pending = new ArrayDeque<>();
        Entry running;
        boolean worker;
    }

    public OperationQueue(OperationQueries store) {
        this.store = store;
    }

    /** Tells listener of every operation that ends from now on (its final state stored); it must not block. */
    public void onEnd(java.util.function.Consumer<StoredOperation> listener) {
        endListeners.add(listener);
    }

    /** Set once at wiring: the application layer that knows how each kind is done. */
    public void handlers(OperationHandlers handlers) {
        this.handlers = handlers;
    }

    /**
     * Records a new operation and queues it; returns it as stored (queued). Throws Refused(429) when
     * the app's queue (or the whole queue) is full.
     */
    public StoredOperation submit(String app, OperationKind kind, String description, String createdBy,
                                  Map<String, String> params) {
        return submit(app, kind, createdBy, () -> new OperationRequest(description, params));
    }

    /**
     * The same for a change that records desired state first (config, formation, a domain row, the deleting
     * mark): request makes those writes and says what the operation is; it runs only once the queue has room,
     * in the transaction that records the operation, so a 429 (or a refusal of request's own) changes nothing.
     */
    public StoredOperation submit(String app, OperationKind kind, String createdBy, Supplier<OperationRequest> request) {
        lock.lock();
        try {
            if (closed) {
                throw new Refused(503, "pvdifyd is stopping; try again in a moment");
            }
            Lane lane = lanes.computeIfAbsent(app, a -> new Lane());
            int waiting = lane.pending.size();
            if (waiting >= MAX_QUEUED_PER_APP) {
                throw new Refused(429, "app " + app + " already has " + waiting
                        + " operations waiting (at most " + MAX_QUEUED_PER_APP + "); wait for them or cancel one");
            }
            if (live.size() >= MAX_QUEUED) {
                throw new Refused(429, "pvdifyd already has " + live.size() + " operations waiting (at most "
                        + MAX_QUEUED + "); try again later");
            }
            int ahead = waiting + (lane.running == null ? 0 : 1);
            StoredOperation op = store.insert(app, kind, createdBy, request, description -> ahead == 0
                    ? "Queued: " + description
                    : "Queued: " + description + " (waiting for " + ahead + " earlier operation" + (ahead == 1 ? "" : "s")
                    + " of " + app + ")");
            add(lane, op);
            if (started) {
                kick(lane);
            }
            changed.signalAll();
            return op;
        } finally {
            lock.unlock();
        }
    }

    /** Picks up what a previous run of pvdifyd left queued, then starts running. Call after recovery. */
    public void start() {
        List<StoredOperation> leftover = store.inState(Operation.State.QUEUED);
        lock.lock();
        try {
            for (StoredOperation op : leftover) {
                if (!live.containsKey(op.id())) {
                    add(lanes.computeIfAbsent(op.app(), a -> new Lane()), op);
                }
            }
            for (Lane lane : lanes.values()) {
                List<Entry> sorted = new ArrayList<>(lane.pending);
                sorted.sort(Comparator.comparingLong(e -> e.id));
                lane.pending.clear();
                lane.pending.addAll(sorted);
            }
            started = true;
            lanes.values().forEach(this::kick);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Cancels: a queued operation ends at once; a running deploy, rollback or config change stops its new
     * dynos (the old release keeps serving). Refused(409) when it has ended or cannot stop now.
     */
    public StoredOperation cancel(long id, String by) {
        Entry queuedOne = null;
        lock.lock();
        try {
            Entry e = live.get(id);
            if (e == null || e.finished) {
                StoredOperation op = store.find(id).orElseThrow(() -> new Refused(404, "no operation " + id));
                throw new Refused(409, "operation " + id + " has already ended (" + op.state().wire() + ")");
            }
            if (!e.running) {
                lanes.get(e.app).pending.remove(e);
                e.finished = true;
                queuedOne = e;
            } else if (!e.kind.cancellableWhileRunning()) {
                throw new Refused(409, "a running " + e.kind.wire().replace('_', ' ')
                        + " cannot be cancelled; it ends on its own");
            } else if (!e.cancel) {
                e.cancel = true;
                store.requestCancel(id, by);
            }
        } finally {
            lock.unlock();
        }
        if (queuedOne != null) {
            finish(queuedOne, Operation.State.CANCELLED, "cancelled by " + by + " before it started", null,
                    "Cancelled by " + by + " before it started");
        } else {
            event(live(id), "cancel", "Cancel requested by " + by + ": stopping the new dynos");
        }
        return store.find(id).orElseThrow();
    }

    /** Whether the app has no operation queued or running. */
    public boolean idle(String app) {
        lock.lock();
        try {
            Lane lane = lanes.get(app);
            return lane == null || lane.running == null && lane.pending.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Cancels every operation of the app that has not ended, except `keep`: queued ones end at once, a running
     * deploy, rollback or config change stops its new dynos; others that cannot stop are left to end on their own.
     * Returns how many were cancelled or asked to stop.
     */
    public int cancelAll(String app, long keep, String by) {
        List<Long> ids = new ArrayList<>();
        lock.lock();
        try {
            live.values().stream().filter(e -> e.app.equals(app) && e.id != keep && !e.finished)
                    .forEach(e -> ids.add(e.id));
        } finally {
            lock.unlock();
        }
        int n = 0;
        for (long id : ids) {
            try {
                cancel(id, by);
                n++;
            } catch (Refused ended) {
                // ended meanwhile, or cannot stop: the delete waits for it
            }
        }
        return n;
    }

    /** Waits until the operation has ended (or the timeout passed); returns it as it is then. */
    public StoredOperation awaitEnd(long id, Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (live.containsKey(id) && left > 0) {
                left = changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
        return store.find(id).orElseThrow();
    }

    /** Waits until the operation has an event after seq or has ended, at most timeout; false on timeout. */
    public boolean awaitEvents(long id, long afterSeq, Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                Entry e = live.get(id);
                if (e == null || e.lastSeq > afterSeq) {
                    return true;
                }
                if (left <= 0) {
                    return false;
                }
                left = changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // --- inside ----------------------------------------------------------------------------------------

    private void add(Lane lane, StoredOperation op) {
        Entry e = new Entry(op); // lastSeq 0: followers read the store first, then wait for anything newer
        try {
            e.work = handlers.workFor(op);
        } catch (RuntimeException bad) {
            e.work = ctx -> {
                throw new OperationFailed(500, "cannot run this operation: " + bad.getMessage());
            };
        }
        lane.pending.add(e);
        live.put(e.id, e);
    }

    private Entry live(long id) {
        lock.lock();
        try {
            return live.get(id);
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: starts prepares that are due and the lane's worker when something can run. */
    private void kick(Lane lane) {
        for (Entry e : lane.pending) {
            if (e.prep == Prep.NONE && e.work.needsPrepare()) {
                e.prep = Prep.RUNNING;
                Thread.ofPlatform().daemon().name("op-" + e.id + "-prepare").start(() -> prepare(lane, e));
            }
        }
        if (started && !closed && !lane.worker && lane.running == null && pick(lane) != null) {
            lane.worker = true;
            Thread.ofPlatform().daemon().name("ops-" + lane.hashCode()).start(() -> work(lane));
        }
    }

    /** Under the lock: the next operation that may run now, or null. */
    private static Entry pick(Lane lane) {
        boolean behindAPull = false;
        for (Entry e : lane.pending) {
            if (!behindAPull) {
                if (e.ready()) {
                    return e;
                }
                behindAPull = true;
            } else if (e.ready() && e.kind.mayPassAPull()) {
                return e;
            }
        }
        return null;
    }

    private void prepare(Lane lane, Entry e) {
        Prep outcome;
        String error = null;
        try {
            e.work.prepare(new Context(e));
            outcome = Prep.DONE;
        } catch (RuntimeException failed) {
            outcome = Prep.FAILED;
            error = failed.getMessage() == null ? failed.getClass().getSimpleName() : failed.getMessage();
        }
        lock.lock();
        try {
            e.prep = outcome;
            e.prepError = error;
            kick(lane);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void work(Lane lane) {
        while (true) {
            Entry e;
            lock.lock();
            try {
                e = closed ? null : pick(lane);
                if (e == null) {
                    lane.worker = false;
                    if (lane.pending.isEmpty()) {
                        lanes.values().remove(lane);
                    }
                    return;
                }
                lane.pending.remove(e);
                lane.running = e;
                e.running = true;
            } finally {
                lock.unlock();
            }
            try {
                run(e);
            } finally {
                lock.lock();
                try {
                    lane.running = null;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    private void run(Entry e) {
        if (e.prep == Prep.FAILED) {
            finish(e, Operation.State.FAILED, e.prepError, 422, e.prepError);
            return;
        }
        store.markRunning(e.id);
        event(e, Operation.State.RUNNING.wire(), "Started");
        Context ctx = new Context(e);
        try {
            e.work.run(ctx);
            Integer release = store.find(e.id).map(StoredOperation::release).orElse(null);
            finish(e, Operation.State.SUCCEEDED, null, null,
                    release == null ? "Done" : "Done: v" + release + " is current");
        } catch (OperationFailed f) {
            ended(e, f.getMessage(), f.status());
        } catch (RuntimeException x) {
            String why = x.getMessage() == null ? x.getClass().getSimpleName() : x.getMessage();
            ended(e, why, 503);
        }
    }

    private void ended(Entry e, String why, int status) {
        if (e.cancel) {
            String by = store.find(e.id).map(StoredOperation::cancelBy).orElse("a user");
            finish(e, Operation.State.CANCELLED, "cancelled by " + by, null, "Cancelled by " + by
                    + "; the previous release keeps serving");
        } else {
            finish(e, Operation.State.FAILED, why, status, "Failed: " + why);
        }
    }

    private void finish(Entry e, Operation.State end, String error, Integer code, String message) {
        store.finish(e.id, end, error, code, message);
        lock.lock();
        try {
            e.finished = true;
            live.remove(e.id);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (!endListeners.isEmpty()) {
            store.find(e.id).ifPresent(op -> endListeners.forEach(l -> {
                try {
                    l.accept(op);
                } catch (RuntimeException ex) {
                    System.getLogger(OperationQueue.class.getName()).log(System.Logger.Level.ERROR,
                            "a listener of operation " + e.id + " failed", ex);
                }
            }));
        }
    }

    private void event(Entry e, String stage, String message) {
        if (e == null) {
            return;
        }
        boolean done;
        lock.lock();
        try {
            done = e.finished;
        } finally {
            lock.unlock();
        }
        if (done) {
            return; // a prepare that outlived its cancelled operation: nothing may follow the final event
        }
        long seq = store.addEvent(e.id, stage, message);
        lock.lock();
        try {
            e.lastSeq = Math.max(e.lastSeq, seq);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** What a kind's work sees. */
    private final class Context implements OperationContext {
        private final Entry entry;

        Context(Entry entry) {
            this.entry = entry;
        }

        @Override
        public StoredOperation operation() {
            return store.find(entry.id).orElseThrow();
        }

        @Override
        public void event(String stage, String message) {
            OperationQueue.this.event(entry, stage, message);
        }

        @Override
        public void release(int version) {
            store.setRelease(entry.id, version);
        }

        @Override
        public boolean cancelRequested() {
            return entry.cancel;
        }
    }
}
