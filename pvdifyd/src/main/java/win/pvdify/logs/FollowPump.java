package win.pvdify.logs;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Moves items from blocking producers (a journalctl pipe, a Podman stream) to the caller's thread, so the
 * caller notices interruption and a throwing consumer even while no item arrives; then stop() (the
 * producers' abort) runs. Used for followed logs.
 */
final class FollowPump<T> {
    private static final Object END = new Object();
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>(10_000);
    /** Producers may be added while drain() runs (a follow that discovers new dynos). */
    private final AtomicInteger producers = new AtomicInteger();
    private volatile boolean stopped;

    interface Producer<T> {
        /** Feeds items until done; throws or returns when its source ends or is aborted. */
        void run(Consumer<T> feed) throws Exception;
    }

    void producer(String name, Producer<T> producer) {
        producers.incrementAndGet();
        Thread t = new Thread(() -> {
            try {
                producer.run(item -> {
                    try {
                        // never block forever on a full queue nobody drains any more
                        while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                            if (stopped) {
                                throw new IllegalStateException("log pump stopped");
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("log pump interrupted");
                    }
                });
            } catch (Exception e) {
                // aborted or broken source: it just ends
            } finally {
                queue.offer(END);
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    /** Delivers items until every producer ended, the consumer throws, or this thread is interrupted. */
    @SuppressWarnings("unchecked")
    void drain(Consumer<T> sink, Runnable stop) {
        int ended = 0;
        try {
            while (ended < producers.get()) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                Object item = queue.poll(500, TimeUnit.MILLISECONDS);
                if (item == END) {
                    ended++;
                } else if (item != null) {
                    sink.accept((T) item);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped = true;
            stop.run();
            queue.clear();
        }
    }
}
