package win.pvdify.http;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.List;
import win.pvdify.api.StatusCheck;
import win.pvdify.api.SystemStatus;
import win.pvdify.api.Whoami;
import win.pvdify.auth.Caller;
import win.pvdify.status.StatusProbe;
import win.pvdify.store.Database;

/**
 * /status (checks of the daemon and its peers; admin only) and /whoami. The peers' checks (Podman, Caddy,
 * Cloudflare...) are answered from a cache of at most CACHE_FOR: /status must not make every caller's request
 * a call to Cloudflare's API (its rate limit is the account's).
 */
public final class StatusService implements Routes.Resource {
    private final Database db;
    private final List<StatusProbe> probes;
    private final String version;
    private final String supervisor;
    private final JsonIo io;
    private final ErrorAnswers errors;
    static final java.time.Duration CACHE_FOR = java.time.Duration.ofSeconds(10);
    private List<StatusCheck> cached;
    private long cachedAt;

    public StatusService(Database db, List<StatusProbe> probes, String version, String supervisor, JsonIo io,
                         ErrorAnswers errors) {
        this.db = db;
        this.probes = List.copyOf(probes);
        this.version = version;
        this.supervisor = supervisor;
        this.io = io;
        this.errors = errors;
    }

    @Override
    public ErrorAnswers errors() {
        return errors;
    }

    @Override
    public void routes(Routes r) {
        r.get("/status", this::status).get("/whoami", this::whoami);
    }

    private void whoami(ServerRequest req, ServerResponse res) {
        Caller c = Guard.caller(req);
        io.send(res, new Whoami(c.kind().wire(), c.app(), c.tokenId()));
    }

    private void status(ServerRequest req, ServerResponse res) {
        Guard.allow(req, win.pvdify.auth.Access.Action.ADMIN, null);
        List<StatusCheck> checks = new ArrayList<>();
        checks.add(new StatusCheck("api", StatusCheck.OK, "pvdifyd " + version));
        checks.add(database());
        checks.addAll(peers());
        io.send(res, new SystemStatus(overall(checks), version, supervisor, checks));
    }

    /** One caller at a time probes; the others get its answer. */
    private synchronized List<StatusCheck> peers() {
        if (cached != null && System.nanoTime() - cachedAt < CACHE_FOR.toNanos()) {
            return cached;
        }
        List<StatusCheck> checks = new ArrayList<>();
        for (StatusProbe p : probes) {
            try {
                checks.add(p.check());
            } catch (RuntimeException e) {
                checks.add(new StatusCheck(p.getClass().getSimpleName(), StatusCheck.DOWN, e.getMessage()));
            }
        }
        cached = List.copyOf(checks);
        cachedAt = System.nanoTime();
        return cached;
    }

    private StatusCheck database() {
        try {
            db.read(ctx -> ctx.selectOne().fetch());
            return new StatusCheck("database", StatusCheck.OK, db.file().toString());
        } catch (RuntimeException e) {
            return new StatusCheck("database", StatusCheck.DOWN, e.getMessage());
        }
    }

    static String overall(List<StatusCheck> checks) {
        if (checks.stream().anyMatch(c -> StatusCheck.DOWN.equals(c.state()))) {
            return StatusCheck.DOWN;
        }
        if (checks.stream().anyMatch(c -> StatusCheck.DEGRADED.equals(c.state()))) {
            return StatusCheck.DEGRADED;
        }
        return StatusCheck.OK;
    }
}
