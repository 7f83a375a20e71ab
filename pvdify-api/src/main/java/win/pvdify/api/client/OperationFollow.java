package win.pvdify.api.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;
import win.pvdify.api.BadJson;
import win.pvdify.api.Operation;
import win.pvdify.api.OperationEvent;

/**
 * Follows one operation's event stream (GET /api/v1/operations/{id}/events, Server-Sent Events) to its final
 * event. When the stream drops before that — the connection breaks, a proxy cuts it, the server restarts — it
 * reconnects with {@code Last-Event-ID} = the last seq seen, after a short back-off, so every event reaches the
 * listener exactly once and in order. Errors the server answers (404, 403, 400) end it at once.
 *
 * <p>{@link #run()} blocks; {@link #close()} stops it from any other thread (run then returns null).
 */
public final class OperationFollow implements AutoCloseable {
    /** Waits between tries after a drop; a try that brought new events starts the list again. */
    static final long[] BACKOFF_MS = {200, 500, 1_000, 2_000, 4_000};
    /** The server sends a keep-alive comment while nothing happens: silence this long means a dead connection. */
    static final int READ_TIMEOUT_MS = 90_000;

    private final UrlConnectionTransport http;
    private final long id;
    private final Consumer<OperationEvent> listener;
    private final long[] backoffMs;
    private volatile long lastSeq;
    private volatile boolean closed;
    private volatile UrlConnectionTransport.Answer current;
    private int reconnects;

    OperationFollow(UrlConnectionTransport http, long id, long afterSeq, Consumer<OperationEvent> listener,
                    long[] backoffMs) {
        this.http = http;
        this.id = id;
        this.lastSeq = afterSeq;
        this.listener = listener;
        this.backoffMs = backoffMs;
    }

    public long id() {
        return id;
    }

    /** The seq of the last event handed to the listener (the afterSeq given at first). */
    public long lastSeq() {
        return lastSeq;
    }

    /** How many times the stream was re-opened after a drop. */
    public int reconnects() {
        return reconnects;
    }

    /**
     * Hands each event to the listener until the final one (succeeded, failed or cancelled) and returns the
     * operation as it ended; null when {@link #close()} stopped it. Throws ApiException when the server refuses
     * the stream, or when it stays unreachable through every retry (status 0).
     */
    public Operation run() {
        int failures = 0;
        while (!closed) {
            long before = lastSeq;
            ApiException drop;
            try {
                Operation ended = once();
                if (ended != null || closed) {
                    return closed && ended == null ? null : ended;
                }
                drop = new ApiException("the event stream of operation " + id + " ended before the operation did",
                        null);
            } catch (ApiException e) {
                if (closed) {
                    return null;
                }
                if (e.status() != 0 && e.status() < 500) {
                    throw e; // the server's answer, not a drop: retrying changes nothing
                }
                drop = e;
            }
            if (lastSeq > before) {
                failures = 0; // it was making progress: a fresh drop, a fresh set of tries
            }
            if (failures >= backoffMs.length) {
                throw new ApiException(0, "lost the event stream of operation " + id + " after " + failures
                        + " tries (" + drop.getMessage() + "); it keeps running on the server", null);
            }
            sleep(backoffMs[failures++]);
            reconnects++;
        }
        return null;
    }

    /**
     * Ends the follow from any thread without blocking: nothing more reaches the listener, and run() returns null
     * when its read returns — with the next event or keep-alive (at most ~15 s; HttpURLConnection's disconnect
     * waits for a read in progress, so the abort runs on a thread of its own and frees the connection after it).
     */
    @Override
    public void close() {
        closed = true;
        UrlConnectionTransport.Answer a = current;
        if (a != null) {
            Thread abort = new Thread(a::abort, "pvdify-follow-abort");
            abort.setDaemon(true);
            abort.start();
        }
    }

    /** One connection: events after lastSeq until the final one (returned) or the end of the stream (null). */
    private Operation once() {
        Map<String, String> headers = lastSeq > 0 ? Map.of("Last-Event-ID", Long.toString(lastSeq)) : Map.of();
        UrlConnectionTransport.Answer answer = http.open("GET", "/api/v1/operations/" + id + "/events",
                "text/event-stream", (byte[]) null, headers, READ_TIMEOUT_MS);
        current = answer;
        if (closed) {
            answer.abort();
            current = null;
            return null;
        }
        try (BufferedReader in = answer.lines()) {
            StringBuilder data = new StringBuilder();
            String sseId = null;
            String line;
            while ((line = in.readLine()) != null) {
                if (closed) {
                    return null;
                }
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        Operation ended = dispatch(sseId, data.toString());
                        if (ended != null) {
                            return ended;
                        }
                    }
                    data.setLength(0);
                    sseId = null;
                } else if (line.startsWith(":")) {
                    continue; // a comment: keep-alive
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1);
                    if (value.startsWith(" ")) {
                        value = value.substring(1);
                    }
                    switch (field) {
                        case "data" -> {
                            if (!data.isEmpty()) {
                                data.append('\n');
                            }
                            data.append(value);
                        }
                        case "id" -> sseId = value;
                        default -> { } // event: the stage is in the data too; retry: we keep our own back-off
                    }
                }
            }
            return null;
        } catch (IOException e) {
            throw http.failed(e);
        } finally {
            current = null;
        }
    }

    /** Hands one event on (unless already seen); returns the ended operation when it is the final one. */
    private Operation dispatch(String sseId, String data) {
        OperationEvent e;
        try {
            e = http.json.read(data, OperationEvent.class);
        } catch (BadJson ex) {
            throw new ApiException(502, "operation " + id + " sent an event that is not JSON", null);
        }
        long seq = e.seq() > 0 ? e.seq() : parseSeq(sseId);
        if (seq > 0 && seq <= lastSeq) {
            return null; // already handed on before a reconnect
        }
        if (seq > 0) {
            lastSeq = seq;
        }
        if (!closed) {
            listener.accept(e);
        }
        if (isFinal(e.stage())) {
            return e.operation() != null ? e.operation() : fetch();
        }
        return null;
    }

    private Operation fetch() {
        return (Operation) http.send("GET", "/api/v1/operations/" + id, null, Operation.class,
                PvdifyClient.GET_TIMEOUT_MS);
    }

    static boolean isFinal(String stage) {
        return Operation.State.ends(stage);
    }

    private static long parseSeq(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }
}
