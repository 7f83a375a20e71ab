package win.pvdify.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class FollowPumpTest {

    @Test
    void deliversUntilEveryProducerEnds() {
        FollowPump<Integer> pump = new FollowPump<>();
        pump.producer("a", feed -> {
            for (int i = 0; i < 3; i++) {
                feed.accept(i);
            }
        });
        pump.producer("b", feed -> feed.accept(10));
        List<Integer> got = new ArrayList<>();
        AtomicBoolean stopped = new AtomicBoolean();
        pump.drain(got::add, () -> stopped.set(true));
        assertEquals(4, got.size());
        assertTrue(stopped.get());
    }

    @Test
    void aThrowingConsumerStopsTheEndlessProducer() throws Exception {
        FollowPump<Integer> pump = new FollowPump<>();
        CountDownLatch producerEnded = new CountDownLatch(1);
        pump.producer("endless", feed -> {
            try {
                for (int i = 0; ; i++) {
                    feed.accept(i);
                }
            } finally {
                producerEnded.countDown();
            }
        });
        AtomicBoolean stopped = new AtomicBoolean();
        assertThrows(IllegalStateException.class, () -> pump.drain(i -> {
            if (i == 5) {
                throw new IllegalStateException("enough");
            }
        }, () -> stopped.set(true)));
        assertTrue(stopped.get());
        assertTrue(producerEnded.await(30, TimeUnit.SECONDS), "the producer is released, not left blocked");
    }
}
