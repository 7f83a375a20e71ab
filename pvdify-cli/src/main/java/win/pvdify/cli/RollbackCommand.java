package win.pvdify.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
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

    @Override
    public Integer call() {
        AppArgs a = appArgs(app, args, 0, 1, "");
        Integer version = a.rest().isEmpty() ? null : ReleasesCommands.version(this, a.rest().get(0));
        if (!json) {
            out().print("Rolling back " + Text.clean(a.app()) + "... ");
            out().flush();
        }
        Release r = client().rollback(a.app(), version);
        if (json) {
            printJson(r);
            return ExitCodes.OK;
        }
        if (!"current".equals(r.status()) && r.status() != null && !"pending".equals(r.status())
                && !"deploying".equals(r.status())) {
            out().println(style().bad("failed"));
            throw CliException.deployFailed("rollback release v" + r.version() + " is " + Text.clean(r.status())
                    + (r.failureReason() == null ? "" : ": " + Text.clean(r.failureReason())));
        }
        out().println(style().good("done") + ", v" + r.version());
        out().println(Text.clean(r.description()));
        return ExitCodes.OK;
    }
}
