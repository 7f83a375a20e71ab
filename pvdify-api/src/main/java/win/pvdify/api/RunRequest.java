package win.pvdify.api;

import io.avaje.jsonb.Json;
import java.util.List;
import java.util.Map;

/**
 * POST /apps/{name}/runs: run command (one word per element, no shell unless you ask for one: ["sh", "-c",
 * "..."]) in a container of the current release, or of release when given. attach true: the run waits for its
 * client on GET .../runs/{number}/attach (tty true gives it a terminal); false: it runs detached, its output in
 * the app's logs as run.N. env adds variables for this run only (over the release's config). ttlSeconds stops it
 * after that long (default 3600).
 */
@Json(naming = Json.Naming.LowerUnderscore)
public record RunRequest(
        List<String> command,
        Boolean attach,
        Boolean tty,
        Map<String, String> env,
        Integer release,
        Integer ttlSeconds) {
}
