package win.pvdify.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads request bodies (with the size limit, strict about types) and writes JSON answers with our own Jackson
 * mapping.
 */
public final class JsonIo {
    public static final String JSON = "application/json";
    private final ObjectMapper json = StrictJson.newMapper();
    private final long maxBodyBytes;

    public JsonIo(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    public ObjectMapper mapper() {
        return json;
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
        return read(req, json.getTypeFactory().constructType(type));
    }

    public <T> T read(ServerRequest req, JavaType type) {
        byte[] b = body(req);
        if (isBlank(b)) {
            return null;
        }
        try {
            return json.readValue(b, type);
        } catch (MismatchedInputException e) {
            throw wrongType(e);
        } catch (JsonProcessingException e) {
            throw ApiProblem.badRequest("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiProblem.badRequest("malformed JSON");
        }
    }

    /** A field of the wrong type is an invalid value (422); a body of the wrong shape is a bad request (400). */
    private static ApiProblem wrongType(MismatchedInputException e) {
        String field = StrictJson.field(e);
        if (field == null) {
            return ApiProblem.badRequest("malformed JSON: " + e.getOriginalMessage());
        }
        String expected = StrictJson.expected(e.getTargetType());
        String given = StrictJson.given(e);
        return ApiProblem.invalid(field + (expected == null ? " has the wrong type" : " must be " + expected)
                + (given == null ? "" : ", got " + given));
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

    public byte[] bytes(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
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
