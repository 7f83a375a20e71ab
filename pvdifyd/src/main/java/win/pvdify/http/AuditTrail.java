package win.pvdify.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;
import java.util.Set;
import win.pvdify.auth.Caller;
import win.pvdify.store.AuditQueries;
import win.pvdify.store.AuditRecord;

/**
 * Appends one audit row per mutating API call once its answer is sent (so the row has the final status, error
 * answers included). Only calls by a known token are kept: unauthenticated requests are refused before any
 * route runs, and recording them would let anyone fill the disk. What is recorded comes from the caller, the
 * matched route, the path and the handler's {@link AuditNote}, never from a body.
 */
public final class AuditTrail {
    private static final Logger LOG = System.getLogger(AuditTrail.class.getName());
    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");
    static final int MAX_PATH = 300;
    private final AuditQueries audit;
    private final Clock clock;
    /** Answers being recorded: a row is appended just after its answer went out (see settle). */
    private final Set<ServerResponse> pending = ConcurrentHashMap.newKeySet();

    public AuditTrail(AuditQueries audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    public static boolean mutating(String method) {
        return MUTATING.contains(method);
    }

    /** Arranges for the call to be recorded when its answer has been sent. */
    void watch(RoutingRequest req, RoutingResponse res, Caller caller, String requestId) {
        String method = req.prologue().method().text();
        if (!mutating(method)) {
            return;
        }
        String path = clip(req.prologue().uriPath().rawPath());
        String peer = address(req.remotePeer().address());
        Optional<String> forwarded = req.headers().first(HeaderNames.X_FORWARDED_FOR);
        pending.add(res);
        res.whenSent(() -> {
            try {
                Optional<MatchedRoute> route = req.context().get(MatchedRoute.class);
                Optional<AuditNote> note = req.context().get(AuditNote.class);
                String app = note.map(AuditNote::app).orElse(null);
                if (app == null) {
                    app = route.map(MatchedRoute::app).map(AuditTrail::clip).orElse(null);
                }
                audit.append(new AuditRecord(clock.instant(), caller.tokenId(), caller.kind().wire(),
                        caller.description(), method, route.map(MatchedRoute::pattern).orElse(null), path, app,
                        note.map(AuditNote::operationId).orElse(null), note.map(AuditNote::detail).orElse(null),
                        res.status().code(), sourceIp(peer, forwarded.orElse(null)), peer, requestId));
            } catch (RuntimeException e) {
                // the change itself is done; losing its row must not turn its answer into an error
                LOG.log(Level.ERROR, "could not append to the audit log: " + method + " " + path, e);
            } finally {
                pending.remove(res);
            }
        });
    }

    /**
     * Waits (at most max) until every answer already sent has its row, so a client that reads the log right
     * after a change sees it. Calls still running (a deploy with ?wait=true) are not waited for.
     */
    public void settle(Duration max) {
        long end = System.nanoTime() + max.toNanos();
        while (pending.stream().anyMatch(ServerResponse::isSent) && System.nanoTime() < end) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * The client's address: the last X-Forwarded-For entry when the peer is loopback (the local Caddy appends
     * the address it saw), else the peer itself (anyone else could write any X-Forwarded-For).
     */
    static String sourceIp(String peer, String forwardedFor) {
        if (forwardedFor == null || peer == null || !loopback(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        String last = hops[hops.length - 1].trim();
        return last.isEmpty() || last.length() > 64 || !last.matches("[0-9A-Fa-f.:\\[\\]]+") ? peer : last;
    }

    private static boolean loopback(String ip) {
        return ip.equals("::1") || ip.equals("0:0:0:0:0:0:0:1") || ip.startsWith("127.");
    }

    private static String address(SocketAddress a) {
        if (a instanceof InetSocketAddress i) {
            InetAddress ip = i.getAddress();
            return ip == null ? i.getHostString() : ip.getHostAddress();
        }
        return a == null ? null : a.toString();
    }

    /** Printable and at most MAX_PATH characters: a hostile path must not fill the log. */
    static String clip(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(MAX_PATH).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return s.codePointCount(0, s.length()) > MAX_PATH ? b + "..." : b.toString();
    }
}
