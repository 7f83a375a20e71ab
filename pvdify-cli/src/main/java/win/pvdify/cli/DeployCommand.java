package win.pvdify.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import win.pvdify.api.App;
import win.pvdify.api.DeployRequest;
import win.pvdify.api.Operation;
import win.pvdify.api.client.ApiException;

/** deploy NAME -i IMAGE: streams the deploy's progress and ends with the release and the URL (exit 5 on failure). */
@Command(name = "deploy", description = {"Deploy a container image as a new release.",
    "Follows the deploy's operation: image pull, dyno start, health check and traffic switch as they happen.",
    "Ctrl-C stops following (the deploy goes on); --detach returns at once."})
final class DeployCommand extends ApiCommand {
    @Parameters(paramLabel = "NAME", arity = "0..1", description = "The app.")
    String name;

    @Option(names = {"-a", "--app"}, paramLabel = "NAME", description = "The app (instead of NAME).")
    String app;

    @Option(names = {"-i", "--image"}, paramLabel = "IMAGE", required = true,
            description = "Container image, e.g. nginx:1.27 or ghcr.io/acme/api:v1.2.3")
    String image;

    @Option(names = {"-d", "--description"}, paramLabel = "TEXT", description = "Release description.")
    String description;

    @Option(names = "--json", description = "Print the final release as JSON instead of progress lines.")
    boolean json;

    @Mixin
    DetachOption detach;

    @Override
    public Integer call() {
        String n = appArgs(app, name == null ? null : List.of(name), 0, 0, "").app();
        if (image.isBlank()) {
            throw usage("--image is empty");
        }
        Operation op = client().startDeploy(n, new DeployRequest(image, description));
        if (detach.detach) {
            return OperationProgress.detached(this, op, json);
        }
        if (!json) {
            out().println("Deploying " + Text.clean(image) + " to " + Text.clean(n) + " (operation " + op.id()
                    + ")...");
            out().flush();
        }
        OperationProgress progress = new OperationProgress(this, json).failing("Deploy of " + Text.clean(image));
        Operation ended = progress.follow(op);
        if (json && ended.release() != null) {
            printJson(client().release(n, ended.release()));
        }
        progress.requireSucceeded(ended);
        if (!json) {
            String url = webUrl(n);
            out().println("Released " + style().good("v" + ended.release()) + " ("
                    + Text.clean(ended.description()) + ")");
            if (url != null) {
                out().println(Text.clean(url) + " deployed");
            }
        }
        return ExitCodes.OK;
    }

    private String webUrl(String n) {
        try {
            App a = client().app(n);
            return a.webUrl();
        } catch (ApiException e) {
            return null; // a deploy token may not read the app; the release line is enough
        }
    }
}
