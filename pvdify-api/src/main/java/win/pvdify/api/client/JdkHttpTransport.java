package win.pvdify.api.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The two exchanges HttpURLConnection cannot do, on java.net.http's client, made on first use only (its
 * set-up and selector thread cost a CLI run ~150 ms and a 300 ms wait at exit): PATCH, and a line stream
 * that holds no thread (the dashboard's log follow).
 */
final class JdkHttpTransport {
    private final UrlConnectionTransport blocking;
    private volatile HttpClient client;

    JdkHttpTransport(UrlConnectionTransport blocking) {
        this.blocking = blocking;
    }

    byte[] patch(String path, byte[] body, int timeoutMs) {
        HttpRequest.Builder b = request(path, "application/json")
                .timeout(Duration.ofMillis(timeoutMs))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<byte[]> res;
        try {
            res = client().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new ApiException("the Pvdify API at " + blocking.base + " did not answer in time", e);
        } catch (IOException e) {
            throw blocking.failed(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("interrupted", e);
        }
        if (res.statusCode() >= 400) {
            throw blocking.errorOf(res.statusCode(), res.body(),
                    res.headers().firstValue("X-Request-Id").orElse(null));
        }
        return res.body();
    }

    /**
     * Streams the lines of a GET to the sink (on an HttpClient thread) until the stream ends or the returned
     * handle is closed. onEnd gets null when the server ended the stream, or the error; not after close().
     */
    LogFollow lines(String path, String accept, Consumer<String> sink, Consumer<ApiException> onEnd) {
        HttpRequest req = request(path, accept).GET().build();
        AtomicBoolean closed = new AtomicBoolean();
        AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
        Consumer<ApiException> end = e -> {
            if (closed.compareAndSet(false, true)) {
                onEnd.accept(e);
            }
        };
        HttpResponse.BodyHandler<Void> handler = info -> {
            if (info.statusCode() >= 400) {
                return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofByteArray(), raw -> {
                    end.accept(blocking.errorOf(info.statusCode(), raw,
                            info.headers().firstValue("X-Request-Id").orElse(null)));
                    return null;
                });
            }
            return HttpResponse.BodySubscribers.fromLineSubscriber(new Flow.Subscriber<String>() {
                @Override
                public void onSubscribe(Flow.Subscription s) {
                    subscription.set(s);
                    if (closed.get()) {
                        s.cancel();
                    } else {
                        s.request(Long.MAX_VALUE);
                    }
                }

                @Override
                public void onNext(String line) {
                    if (!closed.get() && !line.isEmpty()) { // empty: a follow's heartbeat, not a log line
                        sink.accept(line);
                    }
                }

                @Override
                public void onError(Throwable t) {
                    end.accept(new ApiException("log stream broke: " + t.getMessage(), t));
                }

                @Override
                public void onComplete() {
                    end.accept(null);
                }
            });
        };
        CompletableFuture<HttpResponse<Void>> exchange = client().sendAsync(req, handler);
        exchange.whenComplete((res, t) -> {
            if (t != null) {
                end.accept(new ApiException("cannot follow the log at " + blocking.base + ": " + t.getMessage(), t));
            }
        });
        return () -> {
            if (closed.compareAndSet(false, true)) {
                Flow.Subscription s = subscription.get();
                if (s != null) {
                    s.cancel();
                }
                exchange.cancel(true);
            }
        };
    }

    private HttpRequest.Builder request(String path, String accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(blocking.base + path)).header("Accept", accept);
        if (blocking.token != null && !blocking.token.isBlank()) {
            b.header("Authorization", "Bearer " + blocking.token);
        }
        return b;
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = HttpClient.newBuilder()
                            .connectTimeout(Duration.ofMillis(UrlConnectionTransport.CONNECT_TIMEOUT_MS))
                            .version(HttpClient.Version.HTTP_1_1)
                            .build();
                    client = c;
                }
            }
        }
        return c;
    }
}
