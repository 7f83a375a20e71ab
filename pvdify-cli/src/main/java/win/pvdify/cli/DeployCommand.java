package win.pvdify.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import win.pvdify.api.App;
import win.pvdify.api.DeployProgress;
import win.pvdify.api.DeployRequest;
import win.pvdify.api.Release;
import win.pvdify.api.client.ApiException;

/** deploy NAME -i IMAGE: streams the deploy's progress and ends with the release and the URL (exit 5 on failure). */
@Command(name = "deploy", description = {"Deploy a container image as a new release.",
    "Shows the image pull, dyno start, health check and traffic switch as they happen."})
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

    @Override
    public Integer call() {
        String n = appArgs(app, name == null ? null : List.of(name), 0, 0, "").app();
        if (image.isBlank()) {
            throw usage("--image is empty");
        }
        if (!json) {
            out().println("Deploying " + Text.clean(image) + " to " + Text.clean(n) + "...");
            out().flush();
        }
        int[] lines = {0};
        Release release;
        try {
            release = client().deploy(n, new DeployRequest(image, description), p -> {
                lines[0]++;
                if (!json) {
                    progress(p);
                }
            });
        } catch (ApiException e) {
            if (lines[0] > 0 && e.status() == 0) {
                // The deploy started; its outcome is unknown to us, not "server unreachable".
                throw CliException.deployFailed("lost the connection during the deploy (" + e.getMessage()
                        + "); see `pvdify releases " + n + "`");
            }
            throw e;
        }
        if (json) {
            printJson(release);
        }
        if (!"current".equals(release.status())) {
            err().println(style().bad(" !    Deploy of " + Text.clean(image) + " failed: release v" + release.version()
                    + " is " + Text.clean(release.status())));
            if (release.failureReason() != null) {
                for (String l : release.failureReason().split("\n", -1)) {
                    err().println(" !    " + Text.clean(l));
                }
            }
            err().flush();
            throw CliException.deployFailed("the previous release keeps serving");
        }
        if (!json) {
            String url = webUrl(n);
            out().println("Released " + style().good("v" + release.version()) + " ("
                    + Text.clean(release.description()) + ")");
            if (url != null) {
                out().println(Text.clean(url) + " deployed");
            }
        }
        return ExitCodes.OK;
    }

    private void progress(DeployProgress p) {
        String stage = p.stage() == null ? "" : p.stage();
        String msg = Text.clean(p.message());
        String label = switch (stage) {
            case "pull" -> "Pulling image";
            case "release" -> "Creating release";
            case "start" -> "Starting dynos";
            case "health" -> "Health check";
            case "switch" -> "Switching traffic";
            case "drain" -> "Draining old dynos";
            case "done" -> "Done";
            case "failed" -> "Failed";
            default -> Text.clean(stage);
        };
        String line = "-----> " + label + (msg.isEmpty() ? "" : ": " + msg);
        out().println("failed".equals(stage) ? style().bad(line) : line);
        out().flush();
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
