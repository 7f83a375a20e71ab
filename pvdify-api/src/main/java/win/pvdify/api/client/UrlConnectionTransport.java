package win.pvdify.api.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import win.pvdify.api.ApiError;
import win.pvdify.api.ApiJson;
import win.pvdify.api.BadJson;

/**
 * The client's one blocking transport: a request through {@link HttpURLConnection}, JSON through
 * {@link ApiJson}, errors as {@link ApiException}. HttpURLConnection starts in a fraction of the time
 * java.net.http's client needs (no selector thread, no executor), and a CLI command is one JVM start and one
 * request; a selector thread parked in epoll also made every CLI run wait 300 ms at JVM exit.
 */
final class UrlConnectionTransport {
    static final int CONNECT_TIMEOUT_MS = 5_000;

    final URI base;
    final String token;
    final ApiJson json = new ApiJson();

    UrlConnectionTransport(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** One JSON exchange: the body (or null) as the given type; null for Void or an empty answer. */
    Object send(String method, String path, Object body, Type type, int readTimeoutMs) {
        byte[] raw;
        try (Answer res = open(method, path, "application/json", body == null ? (byte[]) null : json.write(body),
                Map.of(), readTimeoutMs)) {
            raw = res.body().readAllBytes();
        } catch (IOException e) {
            throw failed(e);
        }
        return parse(raw, type);
    }

    Object parse(byte[] raw, Type type) {
        if (type == Void.class || raw.length == 0) {
            return null;
        }
        try {
            return json.read(raw, type);
        } catch (BadJson e) {
            throw new ApiException(502, "the API answered with something that is not the expected JSON", null);
        }
    }

    /**
     * Sends one request and returns the open response when its status is below 300; otherwise reads the error
     * body and throws it as an ApiException. The caller closes the answer; {@link Answer#abort()} ends it from
     * another thread.
     */
    Answer open(String method, String path, String accept, byte[] body, Map<String, String> headers,
                int readTimeoutMs) {
        return open(method, path, accept, body == null ? null : new Body("application/json", body.length,
                out -> out.write(body)), headers, readTimeoutMs);
    }

    /** A request body: its type, its length (-1 = unknown: sent chunked) and how to write it. */
    record Body(String contentType, long length, Writer writer) {
        interface Writer {
            void write(OutputStream out) throws IOException;
        }
    }

    /** Uploads a file (a source tarball) as the body; answers its JSON as the type. */
    Object upload(String path, String contentType, java.nio.file.Path file, Type type, int readTimeoutMs) {
        byte[] raw;
        try {
            long size = java.nio.file.Files.size(file);
            try (Answer res = open("POST", path, "application/json", new Body(contentType, size,
                    out -> java.nio.file.Files.copy(file, out)), Map.of(), readTimeoutMs)) {
                raw = res.body().readAllBytes();
            }
        } catch (IOException e) {
            throw failed(e);
        }
        return parse(raw, type);
    }

    Answer open(String method, String path, String accept, Body body, Map<String, String> headers,
                int readTimeoutMs) {
        HttpURLConnection c;
        try {
            c = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
        } catch (IOException | IllegalArgumentException e) {
            throw new ApiException("bad API URL " + base + path + ": " + e.getMessage(), e);
        }
        try {
            c.setRequestMethod(method);
            c.setInstanceFollowRedirects(false);
            c.setUseCaches(false);
            c.setConnectTimeout(CONNECT_TIMEOUT_MS);
            c.setReadTimeout(readTimeoutMs);
            c.setRequestProperty("Accept", accept);
            headers.forEach(c::setRequestProperty);
            if (token != null && !token.isBlank()) {
                c.setRequestProperty("Authorization", "Bearer " + token);
            }
            if (body != null) {
                c.setRequestProperty("Content-Type", body.contentType());
                c.setDoOutput(true);
                if (body.length() >= 0) {
                    c.setFixedLengthStreamingMode(body.length());
                } else {
                    c.setChunkedStreamingMode(64 * 1024);
                }
                try (OutputStream out = c.getOutputStream()) {
                    body.writer().write(out);
                }
            }
            int status = c.getResponseCode();
            if (status < 0) {
                throw new IOException("the answer is not HTTP");
            }
            if (status >= 400) {
                byte[] raw;
                try (InputStream err = c.getErrorStream()) {
                    raw = err == null ? new byte[0] : err.readAllBytes();
                }
                throw errorOf(status, raw, c.getHeaderField("X-Request-Id"));
            }
            if (status >= 300) {
                // typically http:// behind a proxy that sends everyone to https://; the token is not re-sent
                String to = c.getHeaderField("Location");
                c.disconnect();
                throw new ApiException(status, "the API at " + base + " redirects"
                        + (to == null ? "" : " to " + to) + ": use that address as the API URL", null);
            }
            return new Answer(c, c.getInputStream());
        } catch (IOException e) {
            c.disconnect();
            throw failed(e);
        }
    }

    ApiException errorOf(int status, byte[] raw, String requestId) {
        String message = "HTTP " + status;
        String id = requestId;
        try {
            ApiError err = json.read(raw, ApiError.class);
            if (err.error() != null) {
                message = err.error();
            }
            if (err.id() != null) {
                id = err.id();
            }
        } catch (RuntimeException ignored) {
            // not our JSON error shape: keep "HTTP <status>"
        }
        return new ApiException(status, message, id);
    }

    ApiException failed(IOException e) {
        if (e instanceof ConnectException || e instanceof NoRouteToHostException
                || e instanceof UnknownHostException) {
            return new ApiException("cannot reach the Pvdify API at " + base, e);
        }
        if (e instanceof SocketTimeoutException) {
            return new ApiException("the Pvdify API at " + base + " did not answer in time", e);
        }
        return new ApiException("talking to the Pvdify API at " + base + " failed: " + e.getMessage(), e);
    }

    /** An open response body; closing it lets HttpURLConnection keep the connection for the next request. */
    record Answer(HttpURLConnection connection, InputStream body) implements AutoCloseable {
        BufferedReader lines() {
            return new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        }

        /** Ends the exchange at once, from any thread: a read blocked on it fails. */
        void abort() {
            connection.disconnect();
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }
}
