package win.pvdify.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Calls for one app queue behind each other; other apps go on meanwhile. Latches and polling, no sleeps. */
class EngineConcurrencyTest {
    final Rig rig = new Rig();

    @Test
    void oneAppQueuesWhileAnotherProceeds() throws Exception {
        rig.ledger.createApp("shop", "web:1");
        rig.ledger.createApp("blog", "web:1");
        int shop = rig.ledger.newRelease("shop", "shop:1", Map.of());
        int blog = rig.ledger.newRelease("blog", "blog:1", Map.of());
        CountDownLatch inHealth = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        rig.health.whileChecking = () -> {
            if (Thread.currentThread().getName().equals("deploy-shop")) {
                inHealth.countDown();
                await(letGo);
            }
        };
        Thread deploy = new Thread(() -> rig.deploy("shop", shop), "deploy-shop");
        deploy.start();
        await(inHealth);
        Thread scale = new Thread(() -> rig.engine.applyFormation("shop"), "scale-shop");
        scale.start();
        waitUntilWaiting(scale);

        rig.deploy("blog", blog); // another app is not held up by shop's deploy

        assertEquals(1, rig.ledger.current("blog"));
        letGo.countDown();
        deploy.join(60_000);
        scale.join(60_000);
        // (health lines name no app: they are left out here, the other tests have them)
        List<String> shopCalls = rig.log.calls().stream().filter(call -> call.contains("shop")).toList();
        assertEquals(List.of(
                "ledger deploying shop v1",
                "env-write shop v1 [PORT]",
                "pull shop:1",
                "start pvdify-shop.web.1.v1.p20000",
                "route shop shop.example.com -> 20000",
                "ledger current shop v1 sha256:shop1",
                "status shop running",
                "env-write shop v1 [PORT]",
                "status shop running"), shopCalls);
        assertTrue(rig.log.calls().contains("start pvdify-blog.web.1.v1.p20001"), rig.log.calls().toString());
    }

    @Test
    void scaleRequestsWaitingForTheSameAppJoinOneRun() throws Exception {
        rig.ledger.createApp("shop", "web:1");
        int shop = rig.ledger.newRelease("shop", "shop:1", Map.of());
        CountDownLatch inHealth = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        rig.health.whileChecking = () -> {
            if (Thread.currentThread().getName().equals("deploy-shop")) {
                inHealth.countDown();
                await(letGo);
            }
        };
        Thread deploy = new Thread(() -> rig.deploy("shop", shop), "deploy-shop");
        deploy.start();
        await(inHealth);
        Thread first = new Thread(() -> rig.engine.applyFormation("shop"), "scale-1");
        first.start();
        waitUntilWaiting(first);
        Thread second = new Thread(() -> rig.engine.applyFormation("shop"), "scale-2");
        second.start();
        waitUntilWaiting(second);

        letGo.countDown();
        deploy.join(60_000);
        first.join(60_000);
        second.join(60_000);

        assertEquals(2, rig.log.calls().stream().filter(call -> call.startsWith("env-write shop")).count(),
                "one deploy and one converge: " + rig.log.calls());
    }

    @Test
    void aCallerThatGoesAwayDoesNotFailTheDeploy() {
        rig.ledger.createApp("shop", "web:1");
        int shop = rig.ledger.newRelease("shop", "shop:1", Map.of());

        rig.engine.deploy("shop", shop, line -> {
            throw new IllegalStateException("client disconnected");
        });

        assertEquals(1, rig.ledger.current("shop"));
    }

    private static void waitUntilWaiting(Thread thread) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!parked(thread) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(parked(thread), thread.getName() + " waits for the app's lock or a queued run");
    }

    /** Parked in LockSupport (the app's lock or a queued run's future), not merely busy elsewhere. */
    private static boolean parked(Thread thread) {
        return thread.getState() == Thread.State.WAITING && Arrays.stream(thread.getStackTrace())
                .anyMatch(frame -> frame.getClassName().equals("java.util.concurrent.locks.LockSupport"));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not reached in 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
