package win.pvdify.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import win.pvdify.auth.Access.Action;
import win.pvdify.names.ProcessType;
import win.pvdify.store.EventQueries.Event;
import win.pvdify.store.Store;
import win.pvdify.store.StoredApp;

/**
 * /apps/{name}/logs: the app's dyno lines merged with its platform events, chunked text/plain; follow keeps
 * the answer open (no server timeout applies to a running answer) until the client goes away, the app is
 * deleted or the token is revoked. A quiet follow sends an empty line every heartbeat (clients skip empty
 * lines): a client that left without a word is only noticed when a write fails, and the follow's threads and
 * its `journalctl -f` would otherwise stay forever. A token holds at most max_follows_per_token follows (429).
 */
public final class LogService implements Routes.Resource {
    private static final int MAX_LINES = 10_000;
    private static final byte[] HEARTBEAT = new byte[0];
    private final Store store;
    private final Guard guard;
    private final ErrorAnswers errors;
    private final win.pvdify.engine.AppRuntime runtime;
    private final long pollMillis;
    private final OpenStreams streams;
    private final long heartbeatNanos;

    public LogService(Store store, Guard guard, ErrorAnswers errors, win.pvdify.engine.AppRuntime runtime, long pollMillis,
                      OpenStreams streams, java.time.Duration heartbeat) {
        this.streams = streams;
        this.heartbeatNanos = heartbeat.toNanos();
        this.store = store;
        this.guard = guard;
        this.errors = errors;
        this.runtime = runtime;
        this.pollMillis = pollMillis;
    }

    @Override
    public ErrorAnswers errors() {
        return errors;
    }

    @Override
    public void routes(Routes r) {
        r.get("/apps/{name}/logs", this::logs);
    }

    private void logs(ServerRequest req, ServerResponse res) {
        StoredApp app = guard.app(req, Action.LOGS);
        int lines = lines(req.query().first("lines").orElse("100"));
        boolean follow = bool(req.query().first("follow").orElse("false"));
        String process = req.query().first("process").orElse(null);
        if (process != null && !process.isEmpty()) {
            ApiProblem.check(ProcessType.problem(process));
        } else {
            process = null;
        }
        String type = process;
        OpenStreams.Stream stream = follow ? streams.follow(Guard.caller(req).tokenId()) : null;
        try {
            answer(app, lines, type, stream, res);
        } finally {
            if (stream != null) {
                stream.close();
            }
        }
    }

    private void answer(StoredApp app, int lines, String type, OpenStreams.Stream stream, ServerResponse res) {
        List<String> dynoLines = new ArrayList<>();
        RuntimeCalls.guarded("reading logs", () -> runtime.logs(app.name(), lines, type, false, dynoLines::add));
        List<Event> events = type == null ? store.events().last(app.name(), lines) : List.of();
        List<String> history = LogLines.merge(dynoLines, events.stream().map(LogLines::format).toList(), lines);
        long lastEvent = events.isEmpty() ? lastEventId(app.name()) : events.getLast().id();

        res.status(200);
        res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        try (OutputStream out = res.outputStream()) {
            ReleaseService.LineSink sink = new ReleaseService.LineSink(out);
            for (String l : history) {
                sink.write(l.getBytes(StandardCharsets.UTF_8));
            }
            if (stream != null) {
                follow(app.name(), type, sink, lastEvent, stream);
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private long lastEventId(String app) {
        List<Event> last = store.events().last(app, 1);
        return last.isEmpty() ? 0 : last.getFirst().id();
    }

    /** Dyno lines from the runtime's follow stream (own thread) and new platform events (polled) until broken. */
    private void follow(String app, String type, ReleaseService.LineSink sink, long lastEvent, OpenStreams.Stream stream) {
        // A platform thread: following reads a Unix socket through jnr (native code), which pins a virtual
        // thread's carrier; two such streams on a 2-core host would pin every carrier and hang the whole API.
        Thread dynos = Thread.ofPlatform().daemon(true).name("logs-" + app).start(() -> {
            try {
                runtime.logs(app, 0, type, true, line -> {
                    if (!sink.write(line.getBytes(StandardCharsets.UTF_8))) {
                        throw new IllegalStateException("client gone");
                    }
                });
            } catch (RuntimeException e) {
                // stream ended (client gone or the runtime stopped)
            }
        });
        long last = lastEvent;
        try {
            while (!sink.broken() && !stream.ended()) {
                if (type == null) {
                    for (Event e : store.events().after(app, last)) {
                        sink.write(LogLines.format(e).getBytes(StandardCharsets.UTF_8));
                        last = e.id();
                    }
                }
                if (sink.idleNanos() >= heartbeatNanos) {
                    sink.write(HEARTBEAT);
                }
                if (!store.apps().exists(app)) {
                    break;
                }
                Thread.sleep(pollMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            dynos.interrupt();
        }
    }

    private static int lines(String text) {
        if (!text.matches("[0-9]{1,6}")) {
            throw ApiProblem.invalid("lines must be a number between 1 and " + MAX_LINES);
        }
        int n = Integer.parseInt(text);
        if (n < 1 || n > MAX_LINES) {
            throw ApiProblem.invalid("lines must be a number between 1 and " + MAX_LINES);
        }
        return n;
    }

    private static boolean bool(String text) {
        return switch (text) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no", "" -> false;
            default -> throw ApiProblem.invalid("follow must be true or false");
        };
    }
}
