package win.pvdify.fakes;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bounded HTTP load on loopback: N threads send GET http://HOST:PORT/PATH (to 127.0.0.1, Host header HOST) in a
 * loop until the duration passed, the request budget is spent, or stop() is called; every request is recorded
 * (start/end, status, first body line, error). Transport failures (refused, reset, timeout) are recorded as
 * errors, never thrown: the probe itself does not fail. Use mark() to label phases, report() to read the result.
 */
public final class LoadProbe implements AutoCloseable {

    /** What to send. maxRequests 0 = no count limit; the duration always bounds the run. */
    public record Options(int port, String host, String path, int threads, Duration duration, long maxRequests) {
        public Options {
            if (threads < 1 || threads > 64) {
                throw new IllegalArgumentException("threads must be 1..64");
            }
            if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("duration must be within (0, 10 min]");
            }
        }

        public static Options of(int port, String host, int threads, Duration duration) {
            return new Options(port, host, "/", threads, duration, 0);
        }
    }

    private final Options options;
    private final LoopbackHttp http;
    private final long t0;
    private final ConcurrentLinkedQueue<LoadReport.Sample> samples = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<LoadReport.Mark> marks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicLong budget;
    private final ConcurrentHashMap<String, LongAdder> tags = new ConcurrentHashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private LoadReport report;

    private LoadProbe(Options options) {
        this.options = options;
        this.http = new LoopbackHttp(options.threads());
        this.budget = new AtomicLong(options.maxRequests() > 0 ? options.maxRequests() : Long.MAX_VALUE);
        this.t0 = System.nanoTime(); // after the client exists: its setup must not eat into the duration
    }

    /** Starts the worker threads and returns at once. */
    public static LoadProbe start(Options options) {
        LoadProbe probe = new LoadProbe(options);
        for (int i = 0; i < options.threads(); i++) {
            Thread t = Thread.ofPlatform().daemon().name("load-probe-" + i).start(probe::work);
            probe.workers.add(t);
        }
        return probe;
    }

    /** Labels this moment (e.g. "switch to v2"), shown in the report. */
    public void mark(String label) {
        marks.add(new LoadReport.Mark(label, System.nanoTime() - t0));
    }

    /** Requests recorded so far (for polling "has the load started"). */
    public int recorded() {
        return samples.size();
    }

    /** Answers so far whose first body line was this tag (for polling "does the new backend answer yet"). */
    public long seen(String tag) {
        LongAdder n = tags.get(tag);
        return n == null ? 0 : n.sum();
    }

    /** Stops the workers (each request is bounded by its 5 s timeout) and returns everything recorded. */
    public LoadReport stop() {
        stopping.set(true);
        return awaitEnd();
    }

    /** Waits until the duration or budget ends the run on its own, then reports. */
    public synchronized LoadReport awaitEnd() {
        if (report != null) {
            return report;
        }
        for (Thread t : workers) {
            try {
                t.join(options.duration().toMillis() + 30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        http.close();
        report = new LoadReport(List.copyOf(samples), List.copyOf(marks), http.retries());
        return report;
    }

    @Override
    public void close() {
        stopping.set(true);
        awaitEnd();
    }

    private void work() {
        long deadline = t0 + options.duration().toNanos();
        while (!stopping.get() && System.nanoTime() < deadline && budget.getAndDecrement() > 0) {
            long start = System.nanoTime() - t0;
            try {
                LoopbackHttp.Response r = http.get(options.host(), options.port(), options.path());
                String tag = firstLine(r.body());
                samples.add(new LoadReport.Sample(start, System.nanoTime() - t0, r.status(), tag, null));
                tags.computeIfAbsent(tag, t -> new LongAdder()).increment();
            } catch (IOException | RuntimeException e) {
                samples.add(new LoadReport.Sample(start, System.nanoTime() - t0, -1, null,
                        e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }
    }

    private static String firstLine(String body) {
        String line = body.lines().findFirst().orElse("").strip();
        return line.length() > 80 ? line.substring(0, 80) : line;
    }
}
