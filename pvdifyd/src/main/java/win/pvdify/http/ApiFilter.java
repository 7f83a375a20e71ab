package win.pvdify.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import win.pvdify.api.Token;
import win.pvdify.api.WireValue;
import win.pvdify.auth.Caller;
import win.pvdify.auth.TokenSecrets;
import win.pvdify.store.TokenQueries;

/**
 * Runs before every route: gives the request an id (X-Request-Id), refuses bodies announced larger than the
 * limit (413), and for /api/v1 requires a Bearer token that matches a stored hash (401) and has the audit trail
 * record the call if it changes something. No CORS headers at all: browsers reach the API only through the
 * dashboard's own server.
 */
public final class ApiFilter implements Filter {
    private final TokenQueries tokens;
    private final ErrorAnswers errors;
    private final long maxBodyBytes;
    private final long maxUploadBytes;
    private final AuditTrail audit;
    private final win.pvdify.metrics.RequestMetrics requests;
    private final SecureRandom random = new SecureRandom();

    public ApiFilter(TokenQueries tokens, ErrorAnswers errors, long maxBodyBytes, AuditTrail audit,
                     win.pvdify.metrics.RequestMetrics requests) {
        this(tokens, errors, maxBodyBytes, maxBodyBytes, audit, requests);
    }

    /** maxUploadBytes: the limit for source uploads (POST .../builds) and git pushes, checked again as they stream. */
    public ApiFilter(TokenQueries tokens, ErrorAnswers errors, long maxBodyBytes, long maxUploadBytes,
                     AuditTrail audit, win.pvdify.metrics.RequestMetrics requests) {
        this.maxUploadBytes = Math.max(maxBodyBytes, maxUploadBytes);
        this.requests = requests;
        this.tokens = tokens;
        this.audit = audit;
        this.errors = errors;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        byte[] b = new byte[8];
        random.nextBytes(b);
        String id = HexFormat.of().formatHex(b);
        req.context().register(new RequestId(id));
        res.header("X-Request-Id", id);
        long start = System.nanoTime();
        String method = req.prologue().method().text();
        boolean api = req.prologue().uriPath().path().startsWith(ApiRouting.PREFIX + "/");
        res.whenSent(() -> requests.record(method, req.context().get(MatchedRoute.class)
                        .map(m -> (api ? ApiRouting.PREFIX : "") + m.pattern()).orElse("unmatched"),
                res.status().code(), (System.nanoTime() - start) / 1e9));

        String path = req.prologue().uriPath().path();
        long limit = isUpload(path) ? maxUploadBytes : maxBodyBytes;
        Optional<Long> length = req.headers().contentLength().stream().boxed().findFirst();
        if (length.isPresent() && length.get() > limit) {
            errors.send(req, res, 413, "the request body is larger than " + limit + " bytes");
            return;
        }
        if (path.equals("/api/v1") || path.startsWith("/api/v1/")) {
            Optional<Caller> caller = authenticate(req.headers().first(HeaderNames.AUTHORIZATION));
            if (caller.isEmpty()) {
                res.header("WWW-Authenticate", "Bearer");
                errors.send(req, res, 401, "missing or invalid token (send Authorization: Bearer <token>)");
                return;
            }
            req.context().register(caller.get());
            audit.watch(req, res, caller.get(), id);
        }
        chain.proceed();
    }

    /** Routes that take a source upload: a build's tarball, a git push's pack. */
    static boolean isUpload(String path) {
        return path.startsWith("/git/") || path.startsWith("/api/v1/apps/") && path.endsWith("/builds");
    }

    /** The caller a `Authorization: Bearer` header names; empty when missing or unknown. */
    public Optional<Caller> authenticate(Optional<String> header) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String h = header.get().trim();
        if (h.length() < 8 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String secret = h.substring(7).trim();
        if (secret.isEmpty() || secret.length() > 512) {
            return Optional.empty();
        }
        Optional<Token> t = tokens.byHash(TokenSecrets.hash(secret));
        // last_used_at to the minute: not one database write per request
        t.filter(tok -> tok.lastUsedAt() == null
                        || tok.lastUsedAt().isBefore(java.time.Instant.now().minusSeconds(60)))
                .ifPresent(tok -> tokens.touch(tok.id()));
        return t.map(tok -> new Caller(tok.id(), WireValue.parse(Token.Kind.class, tok.kind()), tok.app(),
                tok.description()));
    }
}
