package win.pvdify.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.common.buffers.BufferData;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.websocket.WsRouting;
import io.helidon.websocket.WsCloseCodes;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.helidon.websocket.WsUpgradeException;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import win.pvdify.auth.Caller;
import win.pvdify.commands.OneOffRuns;
import win.pvdify.podman.PodmanAttach;
import win.pvdify.store.StoredApp;

/**
 * GET /api/v1/apps/{name}/runs/{number}/attach upgraded to a WebSocket: the client's end of an attached run.
 * One listener per connection. Protocol (README "One-off dynos"):
 * <ul>
 * <li>client -> server, binary: bytes for the command's stdin (written as they come: a slow command slows the
 * client down, nothing piles up here).</li>
 * <li>client -> server, text: {"type":"resize","rows":R,"cols":C} and {"type":"eof"} (stdin ended).</li>
 * <li>server -> client, binary: one byte naming the stream (1 stdout, 2 stderr), then output bytes.</li>
 * <li>server -> client, text: {"type":"exit","code":N} when the command ended, {"type":"error","message":"..."}.
 * </li>
 * </ul>
 * The upgrade is checked like any API call (token, access, the run waits for a client); a refused upgrade falls
 * through to the plain GET route, which answers the same checks as a JSON error. A client that goes away stops
 * the run, as Heroku does.
 */
public final class RunAttachSocket implements WsListener {
    static final Pattern PATH = Pattern.compile("/api/v1/apps/([^/]{1,64})/runs/([^/]{1,20})/attach/?");
    static final int MAX_CONTROL = 1024;
    static final long PING_EVERY_MS = 3_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ApiFilter filter;
    private final RunService service;
    private final OneOffRuns runs;
    private String app;
    private int number;
    private int rows;
    private int cols;
    private volatile OneOffRuns.Session session;
    private volatile boolean ended;
    private final Object sending = new Object();

    RunAttachSocket(ApiFilter filter, RunService service, OneOffRuns runs) {
        this.filter = filter;
        this.service = service;
        this.runs = runs;
    }

    /** The WebSocket routing of the daemon: this endpoint alone. */
    public static WsRouting.Builder routing(ApiFilter filter, RunService service, OneOffRuns runs) {
        return WsRouting.builder()
                .endpoint(ApiRouting.PREFIX + "/apps/{name}/runs/{number}/attach",
                        () -> new RunAttachSocket(filter, service, runs));
    }

    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) throws WsUpgradeException {
        Matcher m = PATH.matcher(prologue.uriPath().path());
        if (!m.matches()) {
            throw new WsUpgradeException("not an attach route");
        }
        try {
            Caller caller = filter.authenticate(headers.first(HeaderNames.AUTHORIZATION))
                    .orElseThrow(() -> new ApiProblem(401, "missing or invalid token"));
            StoredApp a = service.appForRun(caller, m.group(1));
            number = RunService.number(m.group(2));
            runs.attachable(a.name(), number);
            app = a.name();
            rows = size(prologue.query().first("rows").orElse(null));
            cols = size(prologue.query().first("cols").orElse(null));
        } catch (RuntimeException e) {
            // Not upgraded: the plain GET route answers the same checks with the right status and JSON error.
            throw new WsUpgradeException(e.getMessage(), e);
        }
        return Optional.empty();
    }

    private static int size(String v) {
        if (v == null) {
            return 0;
        }
        if (!v.matches("[0-9]{1,4}") || Integer.parseInt(v) > 1000) {
            throw ApiProblem.invalid("rows and cols must be between 1 and 1000");
        }
        return Integer.parseInt(v);
    }

    @Override
    public void onOpen(WsSession ws) {
        try {
            session = runs.attach(app, number, rows, cols);
        } catch (RuntimeException e) {
            ended = true;
            control(ws, JSON.createObjectNode().put("type", "error").put("message", e.getMessage()).toString());
            ws.close(WsCloseCodes.UNEXPECTED_CONDITION, "could not start");
            return;
        }
        Thread.ofPlatform().daemon().name("run-attach-" + app + "-" + number).start(() -> pump(ws));
        Thread.ofVirtual().name("run-ping-" + app + "-" + number).start(() -> pingUntilGone(ws));
    }

    /**
     * Helidon tells a listener nothing when the peer's connection just ends (no close frame: a killed client,
     * a dropped network), so a ping every few seconds finds out: the write fails, and the run is stopped.
     */
    private void pingUntilGone(WsSession ws) {
        try {
            while (!ended) {
                Thread.sleep(PING_EVERY_MS);
                synchronized (sending) {
                    if (!ended) {
                        ws.ping(BufferData.empty());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            clientGone();
        }
    }

    /** Output to the client until the command's streams end, then its exit code. */
    private void pump(WsSession ws) {
        OneOffRuns.Session s = session;
        try {
            for (PodmanAttach.Chunk c; (c = s.io().read()) != null; ) {
                byte[] frame = new byte[c.bytes().length + 1];
                frame[0] = (byte) c.stream();
                System.arraycopy(c.bytes(), 0, frame, 1, c.bytes().length);
                try {
                    synchronized (sending) {
                        ws.send(BufferData.create(frame), true);
                    }
                } catch (RuntimeException gone) {
                    clientGone();
                    return;
                }
            }
            int code = s.finish();
            ended = true;
            if (code >= 0) {
                control(ws, JSON.createObjectNode().put("type", "exit").put("code", code).toString());
            }
            ws.close(WsCloseCodes.NORMAL_CLOSE, "exit");
        } catch (IOException | RuntimeException e) {
            if (!ended) {
                ended = true;
                s.abandon("stopped: " + e.getMessage());
                control(ws, JSON.createObjectNode().put("type", "error").put("message",
                        "the run's stream broke: " + e.getMessage()).toString());
                ws.close(WsCloseCodes.UNEXPECTED_CONDITION, "stream broke");
            }
        }
    }

    private void control(WsSession ws, String json) {
        try {
            synchronized (sending) {
                ws.send(json, true);
            }
        } catch (RuntimeException e) {
            // the client is gone: nothing to tell
        }
    }

    @Override
    public void onMessage(WsSession ws, BufferData buffer, boolean last) {
        OneOffRuns.Session s = session;
        if (s == null) {
            return;
        }
        byte[] bytes = new byte[buffer.available()];
        buffer.read(bytes);
        try {
            s.write(bytes, 0, bytes.length);
        } catch (IOException e) {
            // the command no longer reads (it ended): its exit code follows from the pump
        }
    }

    @Override
    public void onMessage(WsSession ws, String text, boolean last) {
        OneOffRuns.Session s = session;
        if (s == null || text.length() > MAX_CONTROL) {
            return;
        }
        JsonNode n;
        try {
            n = JSON.readTree(text);
        } catch (IOException e) {
            return; // not a control message: ignored, like an unknown type
        }
        switch (n.path("type").asText("")) {
            case "resize" -> {
                int r = n.path("rows").asInt(0);
                int c = n.path("cols").asInt(0);
                if (r >= 1 && r <= 1000 && c >= 1 && c <= 1000) {
                    s.resize(r, c);
                }
            }
            case "eof" -> {
                try {
                    s.io().closeInput();
                } catch (IOException e) {
                    // already closed
                }
            }
            default -> { } // unknown control messages are ignored (newer clients)
        }
    }

    @Override
    public void onClose(WsSession ws, int status, String reason) {
        clientGone();
    }

    @Override
    public void onError(WsSession ws, Throwable t) {
        clientGone();
    }

    private void clientGone() {
        OneOffRuns.Session s = session;
        if (s != null && !ended) {
            ended = true;
            s.abandon("stopped: its client disconnected");
        }
    }
}
