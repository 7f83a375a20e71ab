package win.pvdify.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import win.pvdify.api.ApiError;
import win.pvdify.api.ApiJson;
import win.pvdify.names.Shown;

/**
 * Answers for requests Helidon rejects before routing (unparseable prologue, huge URL or headers): the same
 * JSON error shape as everything else, 431 when the headers are too large.
 */
public final class TransportErrors implements DirectHandler {
    private final ApiJson json = new ApiJson();
    private final SecureRandom random = new SecureRandom();

    public static DirectHandlers handlers() {
        TransportErrors h = new TransportErrors();
        DirectHandlers.Builder b = DirectHandlers.builder();
        for (EventType t : EventType.values()) {
            b.addHandler(t, h);
        }
        return b.build();
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
                                    ServerResponseHeaders headers, String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        Status s = status;
        if (status.code() == 400 && m.contains("header") && (m.contains("size") || m.contains("exceed")
                || m.contains("long") || m.contains("large"))) {
            s = Status.create(431, "Request Header Fields Too Large");
        }
        byte[] id = new byte[8];
        random.nextBytes(id);
        String rid = HexFormat.of().formatHex(id);
        String text = s.code() >= 500 ? "internal error" : s.reasonPhrase().toLowerCase(Locale.ROOT)
                + (message == null || message.isBlank() ? "" : ": " + Shown.of(message));
        byte[] body = json.write(new ApiError(text, rid));
        return TransportResponse.builder()
                .status(s)
                .headers(headers)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .header(HeaderNames.create("X-Request-Id"), rid)
                .keepAlive(false)
                .entity(body)
                .build();
    }
}
