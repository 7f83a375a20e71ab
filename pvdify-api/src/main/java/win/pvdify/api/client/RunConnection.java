package win.pvdify.api.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import win.pvdify.api.ApiJson;
import win.pvdify.api.RunControl;

/**
 * The client's end of an attached run: GET /apps/{name}/runs/{number}/attach as a WebSocket (the JDK's client).
 * Output is written to out/err as it comes, one frame at a time (the next is asked for only once this one is
 * written: a slow terminal slows the server, nothing piles up); stdin goes out with {@link #send}, which waits
 * for each frame to leave. {@link #awaitExit} answers the command's exit code.
 */
public final class RunConnection implements AutoCloseable {
    /** Largest stdin frame sent; bigger writes are split. */
    public static final int MAX_FRAME = 32 * 1024;
    private static final int MAX_TEXT = 64 * 1024;
    private static final ApiJson JSON = new ApiJson();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final Object sending = new Object();
    private WebSocket ws;

    private RunConnection() {
    }

    static RunConnection open(UrlConnectionTransport http, String app, int number, int rows, int cols,
                              OutputStream out, OutputStream err) {
        URI base = http.base;
        String scheme = base.getScheme().equalsIgnoreCase("https") ? "wss" : "ws";
        String path = "/api/v1/apps/" + seg(app) + "/runs/" + number + "/attach";
        String query = rows > 0 && cols > 0 ? "?rows=" + rows + "&cols=" + cols : "";
        URI uri = URI.create(scheme + "://" + base.getRawAuthority() + (base.getRawPath() == null ? ""
                : base.getRawPath()) + path + query);
        RunConnection c = new RunConnection();
        WebSocket.Builder b = HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(UrlConnectionTransport.CONNECT_TIMEOUT_MS))
                .build()
                .newWebSocketBuilder()
                .connectTimeout(Duration.ofMillis(UrlConnectionTransport.CONNECT_TIMEOUT_MS));
        if (http.token != null && !http.token.isBlank()) {
            b.header("Authorization", "Bearer " + http.token);
        }
        try {
            c.ws = b.buildAsync(uri, c.new Listener(out, err)).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof WebSocketHandshakeException) {
                // Not upgraded: the same URL answers a plain GET with the reason as a JSON error.
                http.send("GET", path, null, Object.class, UrlConnectionTransport.CONNECT_TIMEOUT_MS);
                throw new ApiException(400, "the server refused to attach (no WebSocket upgrade)", null);
            }
            throw new ApiException("cannot attach to run." + number + " at " + uri + ": " + cause.getMessage(),
                    cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("interrupted while attaching", e);
        } catch (TimeoutException e) {
            throw new ApiException("no answer from " + uri + " within 60 s", e);
        }
        return c;
    }

    private static String seg(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Sends stdin bytes, in frames of at most {@link #MAX_FRAME}; blocks until they have left. */
    public void send(byte[] bytes, int offset, int length) {
        for (int at = offset; at < offset + length; at += MAX_FRAME) {
            int n = Math.min(MAX_FRAME, offset + length - at);
            ByteBuffer frame = ByteBuffer.wrap(bytes, at, n).slice();
            synchronized (sending) {
                join(ws.sendBinary(frame, true));
            }
        }
    }

    /** Tells the command its stdin has ended. */
    public void closeInput() {
        control(RunControl.eof());
    }

    public void resize(int rows, int cols) {
        control(RunControl.resize(rows, cols));
    }

    /** Keeps an idle console's connection open through proxies (a WebSocket ping). */
    public void ping() {
        synchronized (sending) {
            join(ws.sendPing(ByteBuffer.allocate(0)));
        }
    }

    private void control(RunControl message) {
        synchronized (sending) {
            join(ws.sendText(JSON.writeText(message), true));
        }
    }

    private static void join(CompletableFuture<?> f) {
        try {
            f.get(5, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw new ApiException("the run's connection broke: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("interrupted", e);
        } catch (TimeoutException e) {
            throw new ApiException("the server took no input for 5 minutes", e);
        }
    }

    /** Blocks until the command ended: its exit code. Throws ApiException when the run failed or the line broke. */
    public int awaitExit() {
        try {
            return exit.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof ApiException a ? a : new ApiException(e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("interrupted", e);
        }
    }

    /** Whether the command has ended (or the connection is gone). */
    public boolean done() {
        return exit.isDone();
    }

    /** Leaves the run: the server stops it, as Heroku does when its client goes away. */
    @Override
    public void close() {
        if (ws != null) {
            ws.abort();
        }
        exit.completeExceptionally(new ApiException(0, "detached from the run", null));
    }

    private final class Listener implements WebSocket.Listener {
        private final OutputStream out;
        private final OutputStream err;
        private boolean atStart = true;
        private OutputStream current;
        private final StringBuilder text = new StringBuilder();

        Listener(OutputStream out, OutputStream err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletableFuture<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            try {
                if (atStart && data.hasRemaining()) {
                    current = data.get() == 2 ? err : out;
                    atStart = false;
                }
                if (data.hasRemaining() && current != null) {
                    byte[] b = new byte[data.remaining()];
                    data.get(b);
                    current.write(b);
                    current.flush();
                }
            } catch (IOException e) {
                exit.completeExceptionally(new ApiException("cannot write the run's output: " + e.getMessage(), e));
                webSocket.abort();
                return null;
            }
            if (last) {
                atStart = true;
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletableFuture<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (text.length() + data.length() <= MAX_TEXT) {
                text.append(data);
            }
            if (last) {
                String json = text.toString();
                text.setLength(0);
                try {
                    RunControl c = JSON.read(json, RunControl.class);
                    if (RunControl.EXIT.equals(c.type()) && c.code() != null) {
                        exit.complete(c.code());
                    } else if (RunControl.ERROR.equals(c.type())) {
                        exit.completeExceptionally(new ApiException(409, c.message() == null ? "the run failed"
                                : c.message(), null));
                    }
                } catch (RuntimeException e) {
                    // a control message this client does not know: ignored
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletableFuture<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            exit.completeExceptionally(new ApiException(0, "the connection closed before the command ended ("
                    + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason) + ")", null));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            exit.completeExceptionally(new ApiException("the run's connection broke: " + error.getMessage(), error));
        }
    }
}
