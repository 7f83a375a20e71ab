package win.pvdify.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import win.pvdify.container.DynoLabels;
import win.pvdify.dyno.DynoName;
import win.pvdify.podman.ContainerSummary;
import win.pvdify.podman.LogFrame;
import win.pvdify.podman.PodmanLogs;
import win.pvdify.podman.PodmanStream;

/**
 * A followed Podman log goes on across dynos that replace each other (deploy, restart, scale), with no line shown
 * twice. The real Podman side of logs is covered by PodmanSupervisorIT; this is the discovery logic.
 */
@Timeout(60)
class PodmanLogSourceTest {
    static final String V1 = new DynoName("shop", "web", 1, 1).container();
    static final String V2 = new DynoName("shop", "web", 1, 2).container();

    /** A stand-in for the container list and the log streams of a Podman service (PodmanLogs). */
    static final class Containers implements PodmanLogs {
        final Map<String, String> state = new ConcurrentHashMap<>();
        final Map<String, BlockingQueue<Optional<String>>> output = new ConcurrentHashMap<>();
        final List<String> logCalls = new CopyOnWriteArrayList<>();
        /** Failures to give once each: the next container list, the next log stream opened. */
        final java.util.concurrent.atomic.AtomicBoolean failList = new java.util.concurrent.atomic.AtomicBoolean();
        final java.util.concurrent.atomic.AtomicBoolean failLogs = new java.util.concurrent.atomic.AtomicBoolean();

        void run(String container, String... lines) {
            BlockingQueue<Optional<String>> q = output.computeIfAbsent(container, c -> new LinkedBlockingQueue<>());
            for (String l : lines) {
                q.add(Optional.of("2026-01-15T10:30:00Z " + l));
            }
            state.put(container, "running");
        }

        void say(String container, String line) {
            output.get(container).add(Optional.of("2026-01-15T10:31:00Z " + line));
        }

        /** The container stops: an open follow of it ends. */
        void stop(String container) {
            state.put(container, "exited");
            output.get(container).add(Optional.empty());
        }

        @Override
        public List<ContainerSummary> listContainers(List<String> labelFilters) {
            if (failList.getAndSet(false)) {
                throw new win.pvdify.podman.PodmanException(0, "Podman is busy");
            }
            List<ContainerSummary> out = new ArrayList<>();
            // Podman lists containers with the labels they were created with; identity is read from them.
            state.forEach((name, s) -> out.add(new ContainerSummary(name, name, s,
                    DynoName.parse(name).map(DynoLabels::identityLabels).map(Map::copyOf).orElse(Map.of()), null, 0)));
            return out;
        }

        @Override
        public PodmanStream<LogFrame> logs(String nameOrId, int tail, boolean follow, boolean timestamps) {
            logCalls.add(nameOrId + " tail=" + tail);
            if (failLogs.getAndSet(false)) {
                throw new win.pvdify.podman.PodmanException(409, "container state improper");
            }
            BlockingQueue<Optional<String>> q = output.get(nameOrId);
            return new PodmanStream<>() {
                private volatile boolean closed;

                @Override
                public LogFrame next() {
                    try {
                        while (!closed) {
                            Optional<String> l = q.poll(50, TimeUnit.MILLISECONDS);
                            if (l != null) {
                                return l.map(text -> new LogFrame(1, text)).orElse(null);
                            }
                        }
                        return null;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return null;
                    }
                }

                @Override
                public void close() {
                    closed = true;
                }
            };
        }
    }

    static final class Enough extends RuntimeException {
    }

    @Test
    void aFollowGoesOnAcrossANewReleaseAndARestartWithoutRepeats() throws Exception {
        Containers podman = new Containers();
        podman.run(V1, "v1 one", "v1 two");
        PodmanLogSource source = new PodmanLogSource(podman, Duration.ofMillis(50));
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        Thread follow = Thread.ofPlatform().start(() -> assertThrows(Enough.class, () ->
                source.read("shop", null, 10, true, l -> {
                    if (l.text().equals("the end")) {
                        throw new Enough();
                    }
                    seen.add(l.dyno() + " " + l.text());
                })));
        assertEquals("web.1 v1 one", seen.poll(10, TimeUnit.SECONDS));
        assertEquals("web.1 v1 two", seen.poll(10, TimeUnit.SECONDS));

        // a deploy: v2 starts (it logged before the follow noticed it), then v1 stops
        podman.run(V2, "v2 booting", "v2 listening");
        podman.stop(V1);
        assertEquals("web.1 v2 booting", seen.poll(10, TimeUnit.SECONDS), "a new dyno is followed from its start");
        assertEquals("web.1 v2 listening", seen.poll(10, TimeUnit.SECONDS));

        // its restart policy brings v2 back: followed again from now on, nothing repeated
        podman.stop(V2);
        Thread.sleep(200);
        podman.state.put(V2, "running");
        podman.say(V2, "v2 back");
        assertEquals("web.1 v2 back", seen.poll(10, TimeUnit.SECONDS));
        podman.say(V2, "the end");
        follow.join(10_000);
        assertFalse(follow.isAlive(), "a throwing consumer ends the follow");
        assertTrue(seen.isEmpty(), "nothing shown twice: " + seen);
        assertEquals(List.of(V1 + " tail=10", V2 + " tail=-1", V2 + " tail=0"), podman.logCalls);
    }

    @Test
    void aBusyPodmanOrAFailedOpenIsTriedAgainNextRound() throws Exception {
        Containers podman = new Containers();
        PodmanLogSource source = new PodmanLogSource(podman, Duration.ofMillis(50));
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        Thread follow = Thread.ofPlatform().start(() -> assertThrows(Enough.class, () ->
                source.read("shop", null, 10, true, l -> {
                    if (l.text().equals("the end")) {
                        throw new Enough();
                    }
                    seen.add(l.text());
                })));
        Thread.sleep(200); // the follow runs; now Podman fails once at each step
        podman.failList.set(true);
        podman.failLogs.set(true);
        podman.run(V1, "first", "second");
        assertEquals("first", seen.poll(10, TimeUnit.SECONDS), "followed from its start once it could be");
        assertEquals("second", seen.poll(10, TimeUnit.SECONDS));
        podman.say(V1, "the end");
        follow.join(10_000);
        assertFalse(follow.isAlive());
        assertEquals(List.of(V1 + " tail=-1", V1 + " tail=-1"), podman.logCalls);
    }

    @Test
    void interruptingAFollowOfAnAppWithoutDynosEndsIt() throws Exception {
        PodmanLogSource source = new PodmanLogSource(new Containers(), Duration.ofMillis(50));
        Thread follow = Thread.ofPlatform().start(() -> source.read("shop", null, 10, true, l -> { }));
        Thread.sleep(300);
        assertTrue(follow.isAlive(), "it waits for dynos, like heroku logs --tail");
        follow.interrupt();
        follow.join(10_000);
        assertFalse(follow.isAlive());
    }
}
