package win.pvdify.git;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import win.pvdify.api.Build;
import win.pvdify.commands.BuildChanges;
import win.pvdify.ops.OperationQueue;
import win.pvdify.ops.Refused;
import win.pvdify.store.OperationQueries;
import win.pvdify.store.Store;
import win.pvdify.store.StoredApp;
import win.pvdify.store.StoredBuild;

/**
 * The pre-receive hook of a push: a push to main or master builds the pushed commit and releases it (one build
 * operation), streaming the build output back as `remote:` lines; the ref is updated only when the release is
 * current, so a failed build or release rejects the push and the old release keeps serving. Other branches,
 * deletes and several branches at once are refused with the reason.
 */
final class PushBuild implements PreReceiveHook {
    static final List<String> DEPLOY_BRANCHES = List.of("refs/heads/main", "refs/heads/master");
    private final Store store;
    private final OperationQueue queue;
    private final BuildChanges builds;
    private final StoredApp app;
    private final String by;
    private final String webUrl;
    private final Path scratch;

    PushBuild(Store store, OperationQueue queue, BuildChanges builds, StoredApp app, String by, String webUrl,
              Path scratch) {
        this.store = store;
        this.queue = queue;
        this.builds = builds;
        this.app = app;
        this.by = by;
        this.webUrl = webUrl;
        this.scratch = scratch;
    }

    @Override
    public void onPreReceive(ReceivePack rp, Collection<ReceiveCommand> commands) {
        ReceiveCommand deploy = null;
        for (ReceiveCommand c : commands) {
            if (c.getType() == ReceiveCommand.Type.DELETE) {
                c.setResult(ReceiveCommand.Result.REJECTED_NODELETE, "pvdify does not delete branches");
            } else if (!DEPLOY_BRANCHES.contains(c.getRefName())) {
                c.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON,
                        "only main or master deploy: git push pvdify HEAD:main");
            } else if (deploy != null) {
                c.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, "push one of main and master at a time");
            } else {
                deploy = c;
            }
        }
        if (deploy == null) {
            return;
        }
        String sha = deploy.getNewId().name();
        say(rp, "-----> Building " + app.name() + " from " + deploy.getRefName().substring("refs/heads/".length())
                + " (" + sha.substring(0, 7) + ")");
        StoredBuild build;
        Path tar = scratch.resolve("push-" + UUID.randomUUID() + ".tar");
        try {
            Files.createDirectories(scratch);
            try (OutputStream out = Files.newOutputStream(tar)) {
                CommitTar.write(rp.getRepository(), deploy.getNewId(), out);
            }
            try (InputStream in = Files.newInputStream(tar)) {
                build = builds.start(app, in, Build.Source.GIT, sha, "Deploy " + sha.substring(0, 7) + " (git push)",
                        by);
            }
        } catch (Refused r) {
            say(rp, " !     " + r.getMessage());
            deploy.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, r.getMessage());
            return;
        } catch (IOException | RuntimeException e) {
            say(rp, " !     the push could not be built: " + e.getMessage());
            deploy.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, "build not started");
            return;
        } finally {
            try {
                Files.deleteIfExists(tar);
            } catch (IOException ignored) {
                // scratch is under the data dir; a leftover is harmless
            }
        }
        StoredBuild end = follow(rp, build);
        if (end.status() == Build.Status.SUCCEEDED) {
            say(rp, "       " + webUrl + " deployed to Pvdify");
        } else {
            String why = end.error() == null ? end.status().wire() : end.error();
            say(rp, " !     Build " + end.number() + " " + end.status().wire() + ": " + why);
            say(rp, " !     The previous release keeps serving.");
            deploy.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, "pvdify build " + end.number() + " "
                    + end.status().wire());
        }
    }

    /** Streams the build's events as remote lines until it has ended; returns it as it ended. */
    private StoredBuild follow(ReceivePack rp, StoredBuild build) {
        long id = build.operation();
        long after = 0;
        try {
            while (true) {
                List<OperationQueries.Event> events = store.operations().events(id, after, 200);
                for (OperationQueries.Event e : events) {
                    after = e.seq();
                    say(rp, line(e.stage(), e.message()));
                }
                StoredBuild now = builds.settled(store.builds().find(app.name(), build.number()).orElseThrow());
                if (now.status().ended() && store.operations().events(id, after, 1).isEmpty()) {
                    return now;
                }
                if (events.isEmpty()) {
                    queue.awaitEvents(id, after, Duration.ofSeconds(5));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return store.builds().find(app.name(), build.number()).orElseThrow();
        }
    }

    static String line(String stage, String message) {
        String m = message.replace("\r", "").replace("\n", " ");
        return stage.equals("build") || m.startsWith("-----> ") ? m : "       " + m;
    }

    /** One `remote:` line, sent now (side band: flushed per line so the pusher sees the build as it goes). */
    private static void say(ReceivePack rp, String line) {
        try {
            OutputStream msg = rp.getMessageOutputStream();
            msg.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            msg.flush();
        } catch (IOException | RuntimeException e) {
            // the pusher went away; the build goes on
        }
    }
}
