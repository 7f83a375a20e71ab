package win.pvdify.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import win.pvdify.api.ApiJson;
import win.pvdify.api.BadJson;

/**
 * Reads request bodies (with the size limit; strict about types, see {@link ApiJson}) and writes JSON answers,
 * both with the API's one mapping, the clients' too.
 */
public final class JsonIo {
    public static final String JSON = "application/json";
    private final ApiJson json = new ApiJson();
    private final long maxBodyBytes;

    public JsonIo(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The body as bytes; 413 past the limit (also for chunked bodies without a length). */
    public byte[] body(ServerRequest req) {
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
            if (b.length > maxBodyBytes) {
                throw ApiProblem.tooLarge("the request body is larger than " + maxBodyBytes + " bytes");
            }
            return b;
        } catch (IOException e) {
            throw ApiProblem.badRequest("could not read the request body");
        }
    }

    /** Parses the body as T; an empty body gives null (callers decide whether that is allowed). */
    public <T> T read(ServerRequest req, Class<T> type) {
        return read(req, (Type) type);
    }

    /**
     * Parses the body as the given type ({@link ApiJson#mapOf}, ...). A field of the wrong type is an invalid
     * value (422 naming it); malformed JSON or a body of the wrong shape is a bad request (400).
     */
    public <T> T read(ServerRequest req, Type type) {
        byte[] b = body(req);
        if (isBlank(b)) {
            return null;
        }
        try {
            return json.read(b, type);
        } catch (BadJson e) {
            throw e.field() == null ? ApiProblem.badRequest("malformed JSON: " + e.getMessage())
                    : ApiProblem.invalid(e.getMessage());
        }
    }

    /** Like read, but a missing body is a 400. */
    public <T> T require(ServerRequest req, Class<T> type) {
        T value = read(req, type);
        if (value == null) {
            throw ApiProblem.badRequest("a JSON body is required");
        }
        return value;
    }

    public void send(ServerResponse res, int status, Object body) {
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, JSON);
        res.send(bytes(body));
    }

    public void send(ServerResponse res, Object body) {
        send(res, 200, body);
    }

    /** 200 with JSON already rendered by {@link #bytes}. */
    public void sendRendered(ServerResponse res, byte[] json) {
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, JSON);
        res.send(json);
    }

    public byte[] bytes(Object body) {
        return json.write(body);
    }

    private static boolean isBlank(byte[] b) {
        for (byte x : b) {
            if (x != ' ' && x != '\n' && x != '\r' && x != '\t') {
                return false;
            }
        }
        return true;
    }
}
