package win.pvdify.cli;

import java.io.PrintWriter;
import java.util.Set;
import win.pvdify.api.Operation;
import win.pvdify.api.OperationEvent;
import win.pvdify.api.Release;
import win.pvdify.api.client.ApiException;
import win.pvdify.api.client.OperationFollow;

/**
 * How a command follows the operation it started: its events become `-----> Stage: message` lines, a dropped
 * stream is re-attached (by the client, from the last event seen), Ctrl-C detaches and says how to follow again,
 * and the outcome becomes an exit code (failed: 5 for changes that make a release, else 1; cancelled: 7).
 */
final class OperationProgress {
    /** Kinds whose failure is "the new release did not become current" (exit 5). */
    static final Set<String> RELEASE_KINDS = Set.of("deploy", "build", "rollback", "config");

    private final ApiCommand cmd;
    private final boolean quiet;
    /** A line was begun with print("Doing X... ") and not ended: the first event line starts a new one. */
    private boolean lineOpen;
    private int shown;
    /** What failed, for the first error line (default: the operation's description). */
    private String failing;

    /** quiet: no event lines (e.g. --json); the outcome still decides the exit code. */
    OperationProgress(ApiCommand cmd, boolean quiet) {
        this.cmd = cmd;
        this.quiet = quiet;
    }

    /** Names the change in the failure line, e.g. "Deploy of nginx:1.27" ("... failed: release v3 is failed"). */
    OperationProgress failing(String what) {
        this.failing = what;
        return this;
    }

    /** Prints "Doing X... " and leaves the line open for "done" (when no event line comes in between). */
    OperationProgress begin(String text) {
        if (!quiet) {
            cmd.out().print(text);
            cmd.out().flush();
            lineOpen = true;
        }
        return this;
    }

    /** What --detach prints: the operation's id and how to follow it. */
    static int detached(ApiCommand cmd, Operation op, boolean json) {
        if (json) {
            cmd.printJson(op);
            return ExitCodes.OK;
        }
        cmd.out().println("Operation " + op.id() + " " + Text.clean(op.state()) + ": " + Text.clean(op.description()));
        cmd.out().println("Follow it with: pvdify operations:wait " + op.id());
        return ExitCodes.OK;
    }

    /**
     * Follows the operation from its first event to its end and returns it as it ended (any final state). Ctrl-C
     * ends the run with 130, the operation running on; losing the API for good ends it with 6.
     */
    Operation follow(Operation started) {
        if (started.ended() && quiet) {
            return started;
        }
        PrintWriter err = cmd.err();
        OperationFollow follow = cmd.client().operationFollow(started.id(), 0, this::show);
        boolean[] interrupted = {false};
        Runnable detach = () -> {
            // on Ctrl-C the JVM ends once this returns: say it first, then stop reading
            interrupted[0] = true;
            endLine();
            err.println(cmd.style().warn(" !    Detached from operation " + started.id() + " ("
                    + Text.clean(started.kind()) + " " + Text.clean(started.app()) + "); it keeps running."));
            err.println(" !    Follow it again with: pvdify operations:wait " + started.id());
            err.flush();
            follow.close();
        };
        Operation ended;
        try (Terminal.Watch ignored = cmd.ctx().terminal().onInterrupt(detach)) {
            ended = follow.run();
        } catch (ApiException e) {
            if (e.status() != 0) {
                throw e;
            }
            endLine();
            throw new CliException(ExitCodes.UNREACHABLE, "lost the Pvdify API while following operation "
                    + started.id() + " (" + e.getMessage() + "); it keeps running on the server. Follow it with: "
                    + "pvdify operations:wait " + started.id());
        }
        if (ended == null || interrupted[0]) {
            throw CliException.silent(ExitCodes.INTERRUPTED);
        }
        return ended;
    }

    /** Ends the open "Doing X... " line with "done" + suffix when the operation succeeded, else reports it. */
    void finish(Operation ended, String doneSuffix) {
        requireSucceeded(ended);
        if (!quiet) {
            if (lineOpen) {
                cmd.out().println(" " + cmd.style().good("done") + doneSuffix);
            } else {
                cmd.out().println(cmd.style().good("Done") + doneSuffix);
            }
            lineOpen = false;
            cmd.out().flush();
        }
    }

    /**
     * Throws the exit code of a failed (5 or 1) or cancelled (7) operation after printing why on stderr; a
     * failed release's reason and the dyno's last log lines come from the release.
     */
    void requireSucceeded(Operation ended) {
        if (Operation.State.SUCCEEDED.is(ended.state())) {
            return;
        }
        endLine();
        PrintWriter err = cmd.err();
        boolean releases = RELEASE_KINDS.contains(ended.kind());
        if (Operation.State.CANCELLED.is(ended.state())) {
            err.println(cmd.style().bad(" !    Operation " + ended.id() + " (" + Text.clean(ended.description())
                    + ") was cancelled" + (ended.error() == null ? "" : ": " + Text.clean(ended.error()))));
            if (releases) {
                err.println(" !    The previous release keeps serving.");
            }
            err.flush();
            throw CliException.silent(ExitCodes.CANCELLED);
        }
        err.println(cmd.style().bad(" !    " + Text.clean(failing != null ? failing : ended.description()) + " failed"
                + (releases && ended.release() != null ? ": release v" + ended.release() + " is failed" : "")));
        String reason = ended.error();
        if (releases && ended.release() != null) {
            try {
                Release r = cmd.client().release(ended.app(), ended.release());
                if (r.failureReason() != null) {
                    reason = r.failureReason();
                }
            } catch (ApiException e) {
                // the operation's own error is enough
            }
        }
        if (reason != null) {
            for (String l : reason.split("\n", -1)) {
                err.println(" !    " + Text.clean(l));
            }
        }
        err.flush();
        if (releases) {
            throw CliException.deployFailed("the previous release keeps serving (operation " + ended.id() + ")");
        }
        throw CliException.error("operation " + ended.id() + " failed");
    }

    /** One event as a progress line; the queued event and the final one are left to the command. */
    private void show(OperationEvent e) {
        if (quiet || e.stage() == null || Operation.State.QUEUED.is(e.stage()) || Operation.State.RUNNING.is(e.stage())
                || Operation.State.SUCCEEDED.is(e.stage())) {
            return;
        }
        endLine();
        String msg = Text.clean(e.message());
        if ("build".equals(e.stage())) { // the builder's own lines, as they are (Heroku shows them so)
            cmd.out().println(msg);
            cmd.out().flush();
            shown++;
            return;
        }
        String line = "-----> " + label(e.stage()) + (msg.isEmpty() ? "" : ": " + msg);
        PrintWriter out = cmd.out();
        out.println(Operation.State.FAILED.is(e.stage()) || Operation.State.CANCELLED.is(e.stage())
                ? cmd.style().bad(line) : line);
        out.flush();
        shown++;
    }

    int shown() {
        return shown;
    }

    private void endLine() {
        if (lineOpen) {
            cmd.out().println();
            cmd.out().flush();
            lineOpen = false;
        }
    }

    static String label(String stage) {
        return switch (stage) {
            case "queued" -> "Queued";
            case "waiting" -> "Waiting";
            case "pull" -> "Pulling image";
            case "release" -> "Creating release";
            case "start" -> "Starting dynos";
            case "health" -> "Health check";
            case "switch" -> "Switching traffic";
            case "drain" -> "Draining old dynos";
            case "dns" -> "DNS";
            case "remove" -> "Removing";
            case "info" -> "Info";
            case "cancel" -> "Cancelling";
            case "succeeded" -> "Done";
            case "failed" -> "Failed";
            case "cancelled" -> "Cancelled";
            default -> Text.clean(stage);
        };
    }
}
