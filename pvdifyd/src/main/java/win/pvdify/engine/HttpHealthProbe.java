package win.pvdify.engine;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.Objects;
import win.pvdify.api.Dyno;
import win.pvdify.api.Healthcheck;
import win.pvdify.dyno.DynoSpec;
import win.pvdify.dyno.DynoState;
import win.pvdify.dyno.DynoSupervisor;

/**
 * Polls a new web dyno on 127.0.0.1:hostPort until it is healthy: HTTP GET of the healthcheck path answering
 * 2xx/3xx, or a TCP connect when there is no path. Refused connections mean "still booting" and only the
 * overall timeout ends them; answers of 4xx/5xx and request timeouts count, and `retries` of them in a row
 * fail the dyno. A dyno that crashed or restarted meanwhile fails at once.
 */
public final class HttpHealthProbe implements HealthProbe {
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    static final int DEFAULT_RETRIES = 3;

    private final DynoSupervisor supervisor;
    private final Duration overall;
    private final HttpClient http;

    /** overall: how long a new dyno may take to become healthy (default 60 s). */
    public HttpHealthProbe(DynoSupervisor supervisor, Duration overall) {
        this.supervisor = supervisor;
        this.overall = overall;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(DEFAULT_TIMEOUT)
                .build();
    }

    public HttpHealthProbe(DynoSupervisor supervisor) {
        this(supervisor, Duration.ofSeconds(60));
    }

    @Override
    public void await(DynoSpec dyno, Healthcheck check) {
        await(dyno, check, () -> false);
    }

    @Override
    public void await(DynoSpec dyno, Healthcheck check, BooleanSupplier stop) {
        if (dyno.hostPort() == null) {
            throw new Unhealthy(dyno.dynoName() + " has no port to check");
        }
        Duration interval = seconds(check == null ? null : check.interval(), DEFAULT_INTERVAL);
        Duration timeout = seconds(check == null ? null : check.timeout(), DEFAULT_TIMEOUT);
        int retries = check == null || check.retries() == null || check.retries() < 1
                ? DEFAULT_RETRIES : check.retries();
        String path = check == null ? null : check.path();
        URI uri = path == null || path.isBlank() ? null : uri(dyno.hostPort(), path);
        long deadline = System.nanoTime() + overall.toNanos();
        int failuresInARow = 0;
        String last = "no answer yet";
        while (!stop.getAsBoolean()) {
            String crash = crashed(dyno);
            if (crash != null) {
                throw new Unhealthy(crash);
            }
            Attempt attempt = uri == null ? connect(dyno.hostPort(), timeout) : get(uri, timeout);
            if (attempt.healthy()) {
                return;
            }
            last = attempt.detail();
            failuresInARow = attempt.counts() ? failuresInARow + 1 : 0;
            if (failuresInARow >= retries) {
                throw new Unhealthy(last + " (" + failuresInARow + " times in a row)");
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new Unhealthy("not healthy after " + overall.toSeconds() + " s: " + last);
            }
            pause(Duration.ofNanos(Math.min(left, interval.toNanos())), stop);
        }
    }

    /** healthy; counts = a real failing answer (not "not listening yet"). */
    private record Attempt(boolean healthy, boolean counts, String detail) {
    }

    private Attempt get(URI uri, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status >= 200 && status < 400) {
                return new Attempt(true, false, "HTTP " + status);
            }
            return new Attempt(false, true, "HTTP " + status + " on " + uri.getRawPath());
        } catch (HttpTimeoutException e) {
            return new Attempt(false, true, "no answer on " + uri.getRawPath() + " within " + timeout.toSeconds()
                    + " s");
        } catch (IOException e) {
            return new Attempt(false, false, "port " + uri.getPort() + " does not answer (" + describe(e) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unhealthy("interrupted");
        }
    }

    private static Attempt connect(int port, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
            return new Attempt(true, false, "port " + port + " accepts connections");
        } catch (IOException e) {
            return new Attempt(false, false, "port " + port + " refuses connections (" + describe(e) + ")");
        }
    }

    private String crashed(DynoSpec dyno) {
        for (DynoState state : supervisor.list(dyno.app())) {
            if (state.release() == dyno.release() && state.type().equals(dyno.type())
                    && state.number() == dyno.number() && Objects.equals(state.hostPort(), dyno.hostPort())) {
                if (state.state() == Dyno.State.CRASHED) {
                    return dyno.dynoName() + " crashed while starting";
                }
                if (state.restarts() > 0) {
                    return dyno.dynoName() + " crashed while starting (restarted " + state.restarts() + " times)";
                }
                return null;
            }
        }
        return null;
    }

    private static URI uri(int port, String path) {
        String absolute = path.startsWith("/") ? path : "/" + path;
        try {
            return URI.create("http://127.0.0.1:" + port + absolute);
        } catch (IllegalArgumentException e) {
            throw new Unhealthy("invalid healthcheck path: " + path);
        }
    }

    private static Duration seconds(Integer value, Duration fallback) {
        return value == null || value < 1 ? fallback : Duration.ofSeconds(value);
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Sleeps in short slices so a cancelled deploy stops waiting at once. */
    private static void pause(Duration duration, BooleanSupplier stop) {
        long until = System.nanoTime() + duration.toNanos();
        try {
            for (long left = duration.toNanos(); left > 0 && !stop.getAsBoolean(); left = until - System.nanoTime()) {
                Thread.sleep(Duration.ofNanos(Math.min(left, 100_000_000L)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unhealthy("interrupted");
        }
    }
}
