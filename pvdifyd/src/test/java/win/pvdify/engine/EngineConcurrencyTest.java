package win.pvdify.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (scale.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(Thread.State.WAITING, scale.getState(), "scale waits for the deploy's lock");

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
                "start pvdify-shop-web-1-v1-p20000",
                "route shop shop.example.com -> 20000",
                "ledger current shop v1 sha256:shop1",
                "status shop running",
                "env-write shop v1 [PORT]",
                "status shop running"), shopCalls);
        assertTrue(rig.log.calls().contains("start pvdify-blog-web-1-v1-p20001"), rig.log.calls().toString());
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
