package win.pvdify.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import win.pvdify.TestDaemon;
import win.pvdify.api.Operation;
import win.pvdify.secrets.SecretBox;
import win.pvdify.store.OperationQueries;
import win.pvdify.store.Store;
import win.pvdify.store.StoredOperation;

/** The queue on a real SQLite store with scripted work: order, passing a pull, prepare failures, cancel. */
class OperationQueueTest {
    private final Path dir = TestDaemon.newDataDir();
    private final Store store = Store.open(dir.resolve("pvdify.db"), SecretBox.fromKeysetFile(dir.resolve("k.json")),
            Clock.systemUTC());
    private final OperationQueue queue = new OperationQueue(store.operations());
    private final List<String> ran = Collections.synchronizedList(new ArrayList<>());
    /** Per description: a latch its prepare (or run) waits for. */
    private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
    private final Map<String, RuntimeException> prepareFails = new ConcurrentHashMap<>();

    OperationQueueTest() {
        queue.handlers(op -> new OperationWork() {
            @Override
            public boolean needsPrepare() {
                return op.kind() == OperationKind.DEPLOY;
            }

            @Override
            public void prepare(OperationContext ctx) {
                ctx.event("pull", "pulling for " + op.description());
                await(gates.get("prepare " + op.description()));
                RuntimeException fail = prepareFails.get(op.description());
                if (fail != null) {
                    throw fail;
                }
            }

            @Override
            public void run(OperationContext ctx) {
                await(gates.get("run " + op.description()));
                ran.add(op.description());
                ctx.event("info", "ran " + op.description());
            }
        });
    }

    @AfterEach
    void close() {
        gates.values().forEach(CountDownLatch::countDown);
        queue.close();
        store.close();
    }

    private static void await(CountDownLatch latch) {
        if (latch == null) {
            return;
        }
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private CountDownLatch gate(String name) {
        return gates.computeIfAbsent(name, n -> new CountDownLatch(1));
    }

    private StoredOperation submit(String app, OperationKind kind, String description) {
        return queue.submit(app, kind, description, "test", Map.of());
    }

    private Operation.State end(StoredOperation op) throws InterruptedException {
        return queue.awaitEnd(op.id(), Duration.ofSeconds(20)).state();
    }

    @Test
    void oneAppRunsInOrderWhileAnotherAppRunsBesideIt() throws Exception {
        queue.start();
        gate("run a1");
        StoredOperation a1 = submit("a", OperationKind.SCALE, "a1");
        StoredOperation a2 = submit("a", OperationKind.RESTART, "a2");
        StoredOperation b1 = submit("b", OperationKind.SCALE, "b1");
        assertEquals(Operation.State.SUCCEEDED, end(b1), "b does not wait for a");
        assertEquals(Operation.State.QUEUED, store.operations().find(a2.id()).orElseThrow().state());
        gate("run a1").countDown();
        assertEquals(Operation.State.SUCCEEDED, end(a2));
        assertEquals(Operation.State.SUCCEEDED, end(a1));
        assertEquals(List.of("b1", "a1", "a2"), ran);
        assertTrue(store.operations().events(a2.id(), 0, 10).getFirst().message().contains("waiting for 1 earlier"));
    }

    @Test
    void changesGoAheadOfAPullingDeployButDeploysKeepTheirOrder() throws Exception {
        queue.start();
        gate("prepare d1");
        StoredOperation d1 = submit("a", OperationKind.DEPLOY, "d1");
        StoredOperation d2 = submit("a", OperationKind.DEPLOY, "d2");
        StoredOperation c = submit("a", OperationKind.CONFIG, "c");
        StoredOperation del = submit("a", OperationKind.APP_DELETE, "del");
        assertEquals(Operation.State.SUCCEEDED, end(c), "config passes the pull");
        assertEquals(List.of("c"), ran);
        assertEquals(Operation.State.QUEUED, store.operations().find(d2.id()).orElseThrow().state(),
                "d2 was pulled first but waits for d1");
        assertEquals(Operation.State.QUEUED, store.operations().find(del.id()).orElseThrow().state(),
                "a delete never passes");
        gate("prepare d1").countDown();
        assertEquals(Operation.State.SUCCEEDED, end(del));
        assertEquals(List.of("c", "d1", "d2", "del"), ran);
        assertEquals(Operation.State.SUCCEEDED, end(d1));
    }

    @Test
    void aFailedPrepareFailsTheOperationWithoutRunningIt() throws Exception {
        queue.start();
        prepareFails.put("bad", new IllegalStateException("manifest unknown"));
        StoredOperation bad = submit("a", OperationKind.DEPLOY, "bad");
        assertEquals(Operation.State.FAILED, end(bad));
        StoredOperation ended = store.operations().find(bad.id()).orElseThrow();
        assertEquals("manifest unknown", ended.error());
        assertEquals(List.of(), ran);
        List<OperationQueries.Event> events = store.operations().events(bad.id(), 0, 10);
        assertEquals("failed", events.getLast().stage());
    }

    @Test
    void cancellingAQueuedOneEndsItAndItsLatePrepareAddsNothing() throws Exception {
        queue.start();
        gate("prepare slow");
        StoredOperation slow = submit("a", OperationKind.DEPLOY, "slow");
        poll(() -> store.operations().events(slow.id(), 0, 10).size() >= 2); // its prepare started
        StoredOperation cancelled = queue.cancel(slow.id(), "alice");
        assertEquals(Operation.State.CANCELLED, cancelled.state());
        gate("prepare slow").countDown();
        StoredOperation after = submit("a", OperationKind.SCALE, "after");
        assertEquals(Operation.State.SUCCEEDED, end(after));
        List<OperationQueries.Event> events = store.operations().events(slow.id(), 0, 10);
        assertEquals("cancelled", events.getLast().stage(), "nothing after the final event");
        assertEquals(List.of("after"), ran);
        Refused again = assertThrows(Refused.class, () -> queue.cancel(slow.id(), "bob"));
        assertEquals(409, again.status());
    }

    @Test
    void aRunningScaleCannotBeCancelled() {
        queue.start();
        gate("run s");
        StoredOperation s = submit("a", OperationKind.SCALE, "s");
        poll(() -> store.operations().find(s.id()).orElseThrow().state() == Operation.State.RUNNING);
        Refused refused = assertThrows(Refused.class, () -> queue.cancel(s.id(), "alice"));
        assertEquals(409, refused.status());
        assertTrue(refused.getMessage().contains("cannot be cancelled"), refused.getMessage());
    }

    @Test
    void nothingRunsBeforeStartAndWhatWaitedRunsAfter() throws Exception {
        StoredOperation early = submit("a", OperationKind.RESTART, "early");
        Thread.sleep(200); // nothing may happen meanwhile: there is no condition to wait for
        assertEquals(Operation.State.QUEUED, store.operations().find(early.id()).orElseThrow().state());
        queue.start();
        assertEquals(Operation.State.SUCCEEDED, end(early));
    }

    private static void poll(java.util.function.BooleanSupplier condition) {
        win.pvdify.testing.Poll.until("condition", Duration.ofSeconds(20), () -> condition.getAsBoolean() ? true : null);
    }
}
