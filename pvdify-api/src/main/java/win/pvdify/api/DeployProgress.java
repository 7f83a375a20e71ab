package win.pvdify.api;

import io.avaje.jsonb.Json;

/**
 * One line of a streamed deploy (POST .../releases with Accept: application/x-ndjson): stage is pull,
 * release, start, health, switch, drain, done or failed; the last line carries the final release.
 */
@Json(naming = Json.Naming.LowerUnderscore)
public record DeployProgress(String stage, String message, Release release) {

    /** The step a deploy is at, in order; done or failed ends it. */
    public enum Stage implements WireValue {
        PULL, RELEASE, START, HEALTH, SWITCH, DRAIN, DONE, FAILED
    }
}
