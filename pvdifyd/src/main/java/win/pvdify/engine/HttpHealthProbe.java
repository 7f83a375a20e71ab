package win.pvdify.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.BasicHttpClientConnectionManager;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.net.URIAuthority;
import org.apache.hc.core5.util.Timeout;
import win.pvdify.api.Dyno;
import win.pvdify.api.Healthcheck;
import win.pvdify.dyno.DynoSpec;
import win.pvdify.dyno.DynoState;
import win.pvdify.dyno.DynoSupervisor;

/**
 * Polls a new web dyno on 127.0.0.1:hostPort until it is healthy, with the app's effective settings
 * (Healthchecks.effective): after the initial delay, an HTTP GET of the path (with the Host header when set)
 * answering a status in the expected range and, when set, a body containing the expected text; or a TCP connect
 * when there is no path. Refused connections mean "still booting": only the deploy timeout ends them. Wrong
 * answers and attempt timeouts count, and `retries` of them in a row fail the dyno. Everything (delay and attempts
 * included) ends by the deploy timeout. A dyno that crashed or restarted meanwhile fails at once.
 */
public final class HttpHealthProbe implements HealthProbe {
    /** How much of a body is searched for the expected text. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final DynoSupervisor supervisor;
    private final Duration defaultDeployTimeout;

    /** defaultDeployTimeout: how long a new dyno may take to become healthy unless the app says otherwise. */
    public HttpHealthProbe(DynoSupervisor supervisor, Duration defaultDeployTimeout) {
        this.supervisor = supervisor;
        this.defaultDeployTimeout = defaultDeployTimeout;
    }

    public HttpHealthProbe(DynoSupervisor supervisor) {
        this(supervisor, Duration.ofSeconds(Healthchecks.DEFAULT_DEPLOY_TIMEOUT));
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
        Duration overall = check != null && check.deployTimeout() != null && check.deployTimeout() > 0
                ? Duration.ofSeconds(check.deployTimeout()) : defaultDeployTimeout;
        Healthcheck e = Healthchecks.effective(check, (int) Math.max(1, overall.toSeconds()));
        Healthchecks.StatusRange expected = statusRange(e.status());
        String path = e.path() == null ? null : e.path().startsWith("/") ? e.path() : "/" + e.path();
        if (path != null && !path.matches("/[\\x21-\\x7e]*")) {
            throw new Unhealthy("invalid healthcheck path: " + e.path());
        }
        Duration timeout = Duration.ofSeconds(e.timeout());
        long deadline = System.nanoTime() + overall.toNanos();
        if (e.initialDelay() > 0) {
            pause(Duration.ofNanos(Math.min(Duration.ofSeconds(e.initialDelay()).toNanos(),
                    deadline - System.nanoTime())), stop);
        }
        int failuresInARow = 0;
        String last = "no answer yet";
        try (CloseableHttpClient http = path == null ? null : client(timeout)) {
            while (!stop.getAsBoolean()) {
                String crash = crashed(dyno);
                if (crash != null) {
                    throw new Unhealthy(crash);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new Unhealthy("not healthy after " + overall.toSeconds() + " s: " + last);
                }
                Duration attemptTimeout = Duration.ofNanos(Math.max(Math.min(left, timeout.toNanos()), 1_000_000L));
                Attempt attempt = path == null ? connect(dyno.hostPort(), attemptTimeout)
                        : get(http, dyno.hostPort(), path, e, expected, attemptTimeout);
                if (attempt.healthy()) {
                    return;
                }
                last = attempt.detail();
                failuresInARow = attempt.counts() ? failuresInARow + 1 : 0;
                if (failuresInARow >= e.retries()) {
                    throw new Unhealthy(last + " (" + failuresInARow + " times in a row)");
                }
                left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new Unhealthy("not healthy after " + overall.toSeconds() + " s: " + last);
                }
                pause(Duration.ofNanos(Math.min(left, Duration.ofSeconds(e.interval()).toNanos())), stop);
            }
        } catch (IOException closing) {
            // closing the client failed: nothing to undo
        }
    }

    @Override
    public Probe probeOnce(int hostPort, Healthcheck check) {
        Healthcheck e = Healthchecks.effective(check);
        String path = e.path() == null ? null : e.path().startsWith("/") ? e.path() : "/" + e.path();
        Duration timeout = Duration.ofSeconds(e.timeout());
        try {
            Healthchecks.StatusRange expected = statusRange(e.status());
            if (path == null) {
                Attempt a = connect(hostPort, timeout);
                return new Probe(a.healthy(), a.detail());
            }
            try (CloseableHttpClient http = client(timeout)) {
                Attempt a = get(http, hostPort, path, e, expected, timeout);
                return new Probe(a.healthy(), a.detail());
            }
        } catch (Unhealthy | IOException bad) {
            return new Probe(false, bad.getMessage());
        }
    }

    /** healthy; counts = a real failing answer (not "not listening yet"). */
    private record Attempt(boolean healthy, boolean counts, String detail) {
    }

    private static CloseableHttpClient client(Duration timeout) {
        BasicHttpClientConnectionManager connections = new BasicHttpClientConnectionManager();
        connections.setConnectionConfig(ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(timeout))
                .setSocketTimeout(Timeout.of(timeout))
                .build());
        return HttpClients.custom()
                .setConnectionManager(connections)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableContentCompression()
                .disableAuthCaching()
                .build();
    }

    private static Attempt get(CloseableHttpClient http, int port, String path, Healthcheck e,
                               Healthchecks.StatusRange expected, Duration timeout) {
        HttpGet request = new HttpGet(path);
        request.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(timeout)).build());
        if (e.host() != null) {
            try {
                request.setAuthority(URIAuthority.create(e.host()));
            } catch (URISyntaxException bad) {
                throw new Unhealthy("invalid healthcheck host: " + e.host());
            }
        }
        try {
            return http.execute(new HttpHost("http", "127.0.0.1", port), request, response -> {
                int status = response.getCode();
                if (!expected.contains(status)) {
                    return new Attempt(false, true, "HTTP " + status + " on " + path + " (expected " + expected + ")");
                }
                if (e.body() != null && !contains(response.getEntity(), e.body())) {
                    return new Attempt(false, true, "the answer of " + path + " (HTTP " + status
                            + ") does not contain '" + e.body() + "'");
                }
                return new Attempt(true, false, "HTTP " + status);
            });
        } catch (ConnectException refused) {
            return new Attempt(false, false, "port " + port + " does not answer (" + describe(refused) + ")");
        } catch (InterruptedIOException timedOut) { // read and connect timeouts are InterruptedIOExceptions too
            if (Thread.currentThread().isInterrupted()) {
                throw new Unhealthy("interrupted");
            }
            return new Attempt(false, true, "no answer on " + path + " within " + seconds(timeout));
        } catch (IOException ex) {
            // reset or closed before an answer: the app is up but not answering properly
            return new Attempt(false, true, "port " + port + " closed the connection on " + path + " ("
                    + describe(ex) + ")");
        }
    }

    private static boolean contains(HttpEntity entity, String text) throws IOException {
        if (entity == null) {
            return false;
        }
        try (InputStream in = entity.getContent()) {
            byte[] head = in.readNBytes(MAX_BODY_BYTES);
            return new String(head, StandardCharsets.UTF_8).contains(text);
        }
    }

    private static Attempt connect(int port, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) Math.max(1, timeout.toMillis()));
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

    private static Healthchecks.StatusRange statusRange(String status) {
        try {
            return Healthchecks.statusRange(status);
        } catch (IllegalArgumentException e) {
            throw new Unhealthy("invalid " + e.getMessage());
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Sleeps in short slices so a cancelled deploy stops waiting at once. */
    private static void pause(Duration duration, BooleanSupplier stop) {
        long until = System.nanoTime() + duration.toNanos();
        try {
            for (long left = duration.toNanos(); left > 0 && !stop.getAsBoolean(); left = until - System.nanoTime()) {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, 100_000_000L));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unhealthy("interrupted");
        }
    }
}
