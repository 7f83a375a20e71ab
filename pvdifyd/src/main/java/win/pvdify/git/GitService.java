package win.pvdify.git;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.RefAdvertiser;
import win.pvdify.auth.Access;
import win.pvdify.auth.Caller;
import win.pvdify.commands.BuildChanges;
import win.pvdify.http.ErrorAnswers;
import win.pvdify.names.AppName;
import win.pvdify.names.Shown;
import win.pvdify.ops.OperationQueue;
import win.pvdify.store.Store;
import win.pvdify.store.StoredApp;

/**
 * /git/APP.git: the app's git remote over smart HTTP, push only (git-receive-pack, served by JGit's ReceivePack on
 * Helidon's request and response streams). Basic auth with any user name and a token as the password (Heroku's
 * way); deploy tokens may push to their own app only. A push to main or master builds and releases (PushBuild).
 */
public final class GitService implements HttpService {
    static final String RECEIVE = "git-receive-pack";
    private final Store store;
    private final OperationQueue queue;
    private final BuildChanges builds;
    private final GitRepos repos;
    private final ErrorAnswers errors;
    private final Function<Optional<String>, Optional<Caller>> tokens;
    private final String baseDomain;
    private final Path scratch;

    /** tokens: the API's token check, given an `Authorization: Bearer` header value. */
    public GitService(Store store, OperationQueue queue, BuildChanges builds, GitRepos repos, ErrorAnswers errors,
                      Function<Optional<String>, Optional<Caller>> tokens, String baseDomain, Path scratch) {
        this.store = store;
        this.queue = queue;
        this.builds = builds;
        this.repos = repos;
        this.errors = errors;
        this.tokens = tokens;
        this.baseDomain = baseDomain;
        this.scratch = scratch;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{repo}/info/refs", this::advertise)
                .post("/{repo}/" + RECEIVE, this::receive)
                .post("/{repo}/git-upload-pack", (req, res) -> errors.send(req, res, 403,
                        "the pvdify git remote takes pushes only (fetch and clone are not served)"));
    }

    private void advertise(ServerRequest req, ServerResponse res) throws IOException {
        String service = req.query().first("service").orElse("");
        if (!service.equals(RECEIVE)) {
            errors.send(req, res, 403, service.equals("git-upload-pack")
                    ? "the pvdify git remote takes pushes only (fetch and clone are not served)"
                    : "only the smart HTTP protocol is served (service=git-receive-pack)");
            return;
        }
        StoredApp app = authorize(req, res);
        if (app == null) {
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/x-" + RECEIVE + "-advertisement");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        try (Repository repo = repos.open(app.name()); OutputStream out = res.outputStream()) {
            PacketLineOut pck = new PacketLineOut(out);
            pck.writeString("# service=" + RECEIVE + "\n");
            pck.end();
            ReceivePack rp = receivePack(repo);
            rp.sendAdvertisedRefs(new RefAdvertiser.PacketLineOutRefAdvertiser(pck));
        }
    }

    private void receive(ServerRequest req, ServerResponse res) throws IOException {
        String type = req.headers().contentType().map(t -> t.mediaType().text()).orElse("");
        if (!type.equals("application/x-" + RECEIVE + "-request")) {
            errors.send(req, res, 415, "a push is sent as application/x-" + RECEIVE + "-request");
            return;
        }
        StoredApp app = authorize(req, res);
        if (app == null) {
            return;
        }
        Caller caller = req.context().get(Caller.class).orElseThrow();
        res.header(HeaderNames.CONTENT_TYPE, "application/x-" + RECEIVE + "-result");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        String encoding = req.headers().first(HeaderNames.CONTENT_ENCODING).orElse("");
        try (Repository repo = repos.open(app.name()); InputStream body = req.content().inputStream();
             InputStream in = encoding.equalsIgnoreCase("gzip") || encoding.equalsIgnoreCase("x-gzip")
                     ? new GZIPInputStream(body) : body;
             OutputStream out = res.outputStream()) {
            ReceivePack rp = receivePack(repo);
            rp.setPreReceiveHook(new PushBuild(store, queue, builds, app, caller.displayName(),
                    "https://" + app.name() + "." + baseDomain, scratch.resolve(app.name())));
            rp.receive(in, out, null);
        }
    }

    private static ReceivePack receivePack(Repository repo) {
        ReceivePack rp = new ReceivePack(repo);
        rp.setBiDirectionalPipe(false); // smart HTTP: one request, one answer
        rp.setAllowNonFastForwards(true); // like Heroku: git push --force deploys what is pushed
        rp.setAllowDeletes(false);
        return rp;
    }

    /**
     * The path's app when the Basic credentials' token may push to it; otherwise answers 401 (with a Basic
     * challenge, so git asks for credentials), 403 or 404 and returns null.
     */
    private StoredApp authorize(ServerRequest req, ServerResponse res) {
        String repo = req.path().pathParameters().get("repo");
        Optional<Caller> caller = basic(req.headers().first(HeaderNames.AUTHORIZATION)).flatMap(
                token -> tokens.apply(Optional.of("Bearer " + token)));
        if (caller.isEmpty()) {
            res.header(HeaderNames.WWW_AUTHENTICATE, "Basic realm=\"Pvdify\"");
            errors.send(req, res, 401, "a token is needed as the password (pvdify git:remote sets up a credential"
                    + " helper)");
            return null;
        }
        req.context().register(caller.get());
        String name = repo.endsWith(".git") ? repo.substring(0, repo.length() - 4) : repo;
        if (!Access.allows(caller.get(), Access.Action.DEPLOY, name)) {
            errors.send(req, res, 403, "this " + caller.get().kind().wire() + " token may not push to "
                    + Shown.of(name));
            return null;
        }
        Optional<StoredApp> app = AppName.isValid(name) ? store.apps().find(name) : Optional.empty();
        if (app.isEmpty()) {
            errors.send(req, res, 404, "no app named '" + Shown.of(name) + "'");
            return null;
        }
        return app.get();
    }

    /** The password of Basic credentials (or the user name when the password is empty, as some tools send). */
    static Optional<String> basic(Optional<String> header) {
        if (header.isEmpty() || header.get().length() < 7 || !header.get().regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.get().substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        String user = colon < 0 ? decoded : decoded.substring(0, colon);
        String password = colon < 0 ? "" : decoded.substring(colon + 1);
        String token = password.isEmpty() ? user : password;
        return token.isEmpty() || token.length() > 512 ? Optional.empty() : Optional.of(token);
    }
}
