package win.pvdify.webhooks;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import win.pvdify.api.Operation;
import win.pvdify.api.Webhook;
import win.pvdify.api.WebhookDelivery;
import win.pvdify.api.WireValue;
import win.pvdify.store.WebhookQueries;
import win.pvdify.store.StoredOperation;

/**
 * Turns ended operations into webhook deliveries and sends them. Each delivery is in the database before it is
 * sent, so a restart resumes what was pending. A delivery is retried with exponential back-off (retryBase, then
 * x3 each time: 10 s, 30 s, 90 s, 270 s, 810 s by default) until the receiver answers 2xx or MAX_ATTEMPTS were
 * made; one thread sends, so a slow receiver delays the others by at most the sender's timeout.
 */
public final class WebhookDispatcher implements AutoCloseable {
    public static final int MAX_ATTEMPTS = 6;
    /** Deliveries kept per webhook in its log (older ended ones are dropped). */
    static final int KEEP = 200;
    private static final System.Logger LOG = System.getLogger(WebhookDispatcher.class.getName());
    private final WebhookQueries webhooks;
    private final WebhookSender sender;
    private final Clock clock;
    private final Duration retryBase;
    private final String userAgent;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private boolean kicked;
    private volatile boolean closed;
    private Thread worker;

    public WebhookDispatcher(WebhookQueries webhooks, WebhookSender sender, Clock clock, Duration retryBase,
                             String version) {
        this.webhooks = webhooks;
        this.sender = sender;
        this.clock = clock;
        this.retryBase = retryBase;
        this.userAgent = "pvdifyd/" + version;
    }

    /** An operation ended: one delivery per webhook of its app that asked for an event it is. */
    public void ended(StoredOperation stored) {
        Operation op = stored.toApi();
        try {
            for (WebhookQueries.Target t : webhooks.targets(op.app())) {
                Optional<Webhook.Event> event = WebhookPayloads.match(op, t.webhook().include());
                if (event.isEmpty()) {
                    continue;
                }
                Webhook.Format format = WireValue.parse(Webhook.Format.class, t.webhook().format());
                webhooks.enqueue(t.webhook().id(), event.get().wire(), op.id(), id -> new String(
                        WebhookPayloads.body(format, id, event.get(), op), StandardCharsets.UTF_8));
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "could not queue webhook deliveries of operation " + op.id(), e);
        }
        kick();
    }

    public void start() {
        worker = Thread.ofPlatform().daemon().name("webhooks").start(this::loop);
    }

    private void kick() {
        lock.lock();
        try {
            kicked = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        while (!closed) {
            try {
                for (WebhookQueries.Due d : webhooks.due(clock.instant(), 50)) {
                    if (closed) {
                        return;
                    }
                    attempt(d);
                }
                Duration wait = webhooks.nextDue().map(t -> Duration.between(clock.instant(), t))
                        .orElse(Duration.ofSeconds(30));
                lock.lock();
                try {
                    if (!kicked && wait.isPositive()) {
                        wake.await(Math.min(wait.toMillis(), 30_000), java.util.concurrent.TimeUnit.MILLISECONDS);
                    }
                    kicked = false;
                } finally {
                    lock.unlock();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "webhook dispatcher", e);
                try {
                    Thread.sleep(1000); // the database is failing: do not spin
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    void attempt(WebhookQueries.Due d) throws InterruptedException {
        Optional<WebhookQueries.Target> target = webhooks.target(d.webhook());
        if (target.isEmpty()) {
            return; // removed meanwhile: its deliveries went with it
        }
        byte[] body = d.payload().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", userAgent);
        headers.put("Pvdify-Event", d.event());
        headers.put("Pvdify-Delivery", String.valueOf(d.id()));
        if (target.get().secret() != null) {
            headers.put(WebhookSignature.HEADER, WebhookSignature.header(target.get().secret(),
                    clock.instant().getEpochSecond(), body));
        }
        Integer status = null;
        String error = null;
        try {
            status = sender.post(URI.create(target.get().url()), headers, body);
            if (status < 200 || status > 299) {
                error = "the receiver answered " + status;
            }
        } catch (java.net.ConnectException e) {
            error = "cannot connect" + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (java.net.http.HttpTimeoutException e) {
            error = "no answer in time";
        } catch (java.io.IOException | RuntimeException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        int attempts = d.attempts() + 1;
        if (error == null) {
            webhooks.attempted(d.id(), WebhookDelivery.State.DELIVERED, status, null, null);
            webhooks.prune(d.webhook(), KEEP);
        } else if (attempts >= MAX_ATTEMPTS) {
            webhooks.attempted(d.id(), WebhookDelivery.State.FAILED, status, brief(error), null);
            webhooks.prune(d.webhook(), KEEP);
        } else {
            Instant next = clock.instant().plus(retryBase.multipliedBy((long) Math.pow(3, attempts - 1)));
            webhooks.attempted(d.id(), WebhookDelivery.State.PENDING, status, brief(error), next);
        }
    }

    private static String brief(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    @Override
    public void close() {
        closed = true;
        if (worker != null) {
            worker.interrupt();
        }
    }
}
