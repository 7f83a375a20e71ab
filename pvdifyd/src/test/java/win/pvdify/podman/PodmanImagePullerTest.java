package win.pvdify.podman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PodmanImagePullerTest {

    @Test
    void findsTheRegistryOfAReference() {
        assertEquals("docker.io", PodmanImagePuller.registry("nginx:1.27"));
        assertEquals("docker.io", PodmanImagePuller.registry("library/nginx"));
        assertEquals("ghcr.io", PodmanImagePuller.registry("ghcr.io/acme/app:1"));
        assertEquals("127.0.0.1:19201", PodmanImagePuller.registry("127.0.0.1:19201/x/y@sha256:ab"));
        assertEquals("localhost", PodmanImagePuller.registry("localhost/pvdify-test/web:1"));
    }

    /** A Podman whose pulls give images of this size, recording calls; pulls wait on the gate when it is set. */
    private static PodmanApi podman(long size, List<String> calls, CountDownLatch gate, AtomicInteger running,
                                    AtomicInteger most) {
        return (PodmanApi) Proxy.newProxyInstance(PodmanApi.class.getClassLoader(), new Class<?>[] {PodmanApi.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "pull" -> {
                        calls.add("pull " + args[0]);
                        most.accumulateAndGet(running.incrementAndGet(), Math::max);
                        try {
                            if (gate != null) {
                                gate.await(10, TimeUnit.SECONDS);
                            }
                        } finally {
                            running.decrementAndGet();
                        }
                        yield new ImageInfo("abc", "sha256:" + "a".repeat(64), List.of(), size);
                    }
                    case "removeImage" -> {
                        calls.add("removeImage " + args[0]);
                        yield true;
                    }
                    case "imageExists" -> false;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    @Test
    void anImageOverTheSizeLimitFailsItsDeployAndIsRemoved() {
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        var puller = new PodmanImagePuller(podman(300L * 1024 * 1024, calls, null, new AtomicInteger(),
                new AtomicInteger()), r -> null, 2, 200L * 1024 * 1024);
        PodmanException e = assertThrows(PodmanException.class, () -> puller.pull("ghcr.io/a/huge:1", l -> { }));
        assertEquals(413, e.status());
        assertEquals("image ghcr.io/a/huge:1 is 300 MiB, larger than the limit of 200 MiB (max_image_bytes in"
                + " pvdifyd.yaml); it was removed again", e.getMessage());
        assertEquals(List.of("pull ghcr.io/a/huge:1", "removeImage ghcr.io/a/huge:1"), calls);

        var fits = new PodmanImagePuller(podman(100L * 1024 * 1024, calls, null, new AtomicInteger(),
                new AtomicInteger()), r -> null, 2, 200L * 1024 * 1024);
        assertEquals("sha256:" + "a".repeat(64), fits.pull("ghcr.io/a/small:1", l -> { }));
    }

    @Test
    void atMostTheAllowedPullsRunAtOnce() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        var puller = new PodmanImagePuller(podman(1, calls, gate, running, most), r -> null, 2, Long.MAX_VALUE);
        List<String> progress = Collections.synchronizedList(new ArrayList<>());
        List<Thread> deploys = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String image = "ghcr.io/a/app:" + i;
            deploys.add(Thread.ofPlatform().start(() -> puller.pull(image, progress::add)));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (progress.stream().filter(l -> l.startsWith("Waiting for a pull slot")).count() < 3
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(2, running.get(), "two pulls run, the others wait: " + progress);
        assertEquals(3, progress.stream().filter(l -> l.startsWith("Waiting for a pull slot (2 pulls at once")).count());
        gate.countDown();
        for (Thread d : deploys) {
            d.join(10_000);
        }
        assertEquals(5, calls.size());
        assertEquals(2, most.get());
        assertTrue(progress.stream().filter(l -> l.startsWith("Pulling")).count() == 5, progress.toString());
    }
}
