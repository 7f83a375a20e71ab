package win.pvdify.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import win.pvdify.api.Operation;
import win.pvdify.api.Release;

/** rollback NAME [vN]: a new release with the image and config of vN (default: the previous release). */
@Command(name = "rollback", description = {"Roll back to an earlier release (default: the previous one).",
    "Makes a new release that copies the image AND config vars of the target."})
final class RollbackCommand extends ApiCommand {
    @Parameters(paramLabel = "[NAME] [VERSION]", arity = "0..2", description = "The app (unless -a) and e.g. v3.")
    List<String> args;

    @Option(names = {"-a", "--app"}, paramLabel = "NAME", description = "The app (instead of NAME).")
    String app;

    @Option(names = "--json", description = "Print the new release as JSON.")
    boolean json;

    @Mixin
    DetachOption detach;

    @Override
    public Integer call() {
        AppArgs a = appArgs(app, args, 0, 1, "");
        Integer version = a.rest().isEmpty() ? null : ReleasesCommands.version(this, a.rest().get(0));
        Operation op = client().startRollback(a.app(), version);
        if (detach.detach) {
            return OperationProgress.detached(this, op, json);
        }
        OperationProgress progress = new OperationProgress(this, json).begin("Rolling back " + Text.clean(a.app())
                + "...");
        Operation ended = progress.follow(op);
        if (json) {
            if (ended.release() != null) {
                printJson(client().release(a.app(), ended.release()));
            }
            progress.requireSucceeded(ended);
            return ExitCodes.OK;
        }
        progress.finish(ended, ended.release() == null ? "" : ", v" + ended.release());
        Release r = ended.release() == null ? null : client().release(a.app(), ended.release());
        out().println(Text.clean(r == null ? ended.description() : r.description()));
        return ExitCodes.OK;
    }
}
