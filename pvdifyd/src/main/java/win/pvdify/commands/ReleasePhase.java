package win.pvdify.commands;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import win.pvdify.engine.CommandWords;
import win.pvdify.ops.OperationContext;
import win.pvdify.ops.OperationFailed;
import win.pvdify.podman.PodmanAttach;
import win.pvdify.store.StoredRun;

/**
 * The release phase (Heroku's `release:` process): the command runs once in a one-off container of the NEW
 * release (its image and config) before any of its dynos start; its output becomes the operation's events; a
 * non-zero exit, a timeout or a cancel fails the release and the old one keeps serving. Uses the one-off run
 * machinery, so the run shows in `pvdify ps` while it runs.
 */
public final class ReleasePhase {
    /** Heroku's limit: an hour. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);
    private final Supplier<OneOffRuns> runs;
    private final Duration timeout;

    public ReleasePhase(Supplier<OneOffRuns> runs, Duration timeout) {
        this.runs = runs;
        this.timeout = timeout;
    }

    /** Runs command for the app's release; throws OperationFailed(422) unless it exits 0. */
    public void run(OperationContext ctx, String app, int release, String command, String by) {
        OneOffRuns r = runs.get();
        List<String> words = CommandWords.split(command);
        if (r == null || words == null) {
            throw new OperationFailed(503, "this pvdifyd runs no one-off containers: the release phase cannot run");
        }
        ctx.event("release", "-----> Running release command: " + command);
        StoredRun run = r.start(app, new OneOffRuns.Request(words, true, false, Map.of(), release, timeout), by);
        OneOffRuns.Session session = r.attach(app, run.number(), 0, 0);
        try {
            session.io().closeInput(); // nobody types into a release command: stdin reads see EOF
        } catch (IOException e) {
            // its output still flows
        }
        Thread watcher = Thread.ofPlatform().daemon().name("release-phase-" + app).start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    if (ctx.cancelRequested()) {
                        session.abandon("the release was cancelled");
                        return;
                    }
                    Thread.sleep(250);
                }
            } catch (InterruptedException e) {
                // the command ended
            }
        });
        int code;
        try {
            StringBuilder partial = new StringBuilder();
            try {
                for (PodmanAttach.Chunk c; (c = session.io().read()) != null; ) {
                    partial.append(new String(c.bytes(), StandardCharsets.UTF_8));
                    for (int nl; (nl = partial.indexOf("\n")) >= 0; ) {
                        ctx.event("release", partial.substring(0, nl).stripTrailing());
                        partial.delete(0, nl + 1);
                    }
                }
            } catch (IOException e) {
                // the stream ended (stopped at its deadline, or cancelled): the exit code says how
            }
            if (!partial.isEmpty()) {
                ctx.event("release", partial.toString().stripTrailing());
            }
            code = session.finish();
        } finally {
            watcher.interrupt();
        }
        if (ctx.cancelRequested()) {
            throw new OperationFailed(409, "the release phase was cancelled");
        }
        if (code != 0) {
            throw new OperationFailed(422, "the release command `" + command + "` failed (exit " + code + ")");
        }
        ctx.event("release", "-----> Release command succeeded");
    }
}
