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

/**
 * deploy NAME -i IMAGE, or deploy NAME --source DIR (packs DIR, honouring .gitignore and .pvdifyignore, uploads it
 * and follows its build): streams the progress and ends with the release and the URL (exit 5 on failure).
 */
@Command(name = "deploy", description = {"Deploy a container image, or build and deploy a source directory.",
    "--image: follows the deploy's operation: image pull, dyno start, health check and traffic switch.",
    "--source [DIR] (default .): packs DIR (minus .gitignore/.pvdifyignore), uploads it and follows the build",
    "(Dockerfile or Containerfile at its top) and the release.",
    "Ctrl-C stops following (the deploy goes on); --detach returns at once."})
final class DeployCommand extends ApiCommand {
    @Parameters(paramLabel = "NAME", arity = "0..1", description = "The app.")
    String name;

    @Option(names = {"-a", "--app"}, paramLabel = "NAME", description = "The app (instead of NAME).")
    String app;

    @Option(names = {"-i", "--image"}, paramLabel = "IMAGE",
            description = "Container image, e.g. nginx:1.27 or ghcr.io/acme/api:v1.2.3")
    String image;

    @Option(names = {"-s", "--source"}, paramLabel = "DIR", arity = "0..1", fallbackValue = ".",
            description = "Build from this source directory (default: .) instead of deploying an image.")
    String source;

    @Option(names = {"-d", "--description"}, paramLabel = "TEXT", description = "Release description.")
    String description;

    @Option(names = "--json", description = "Print the final release as JSON instead of progress lines.")
    boolean json;

    @Mixin
    DetachOption detach;

    @Override
    public Integer call() {
        String n = appArgs(app, name == null ? null : List.of(name), 0, 0, "").app();
        if ((image == null) == (source == null)) {
            throw usage("give either --image IMAGE or --source [DIR]");
        }
        if (source != null) {
            return fromSource(n);
        }
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

    private int fromSource(String n) {
        java.nio.file.Path dir = java.nio.file.Path.of(source).toAbsolutePath().normalize();
        if (!java.nio.file.Files.isDirectory(dir)) {
            throw usage("--source " + Text.clean(source) + " is not a directory");
        }
        java.nio.file.Path tar = null;
        win.pvdify.api.Build build;
        try {
            tar = java.nio.file.Files.createTempFile("pvdify-source-", ".tar.gz");
            SourcePack.Packed packed;
            try (var out = java.nio.file.Files.newOutputStream(tar)) {
                packed = SourcePack.pack(dir, out);
            }
            if (!json) {
                out().println("Uploading " + packed.files() + " files (" + packed.bytes() / 1024 + " KiB, "
                        + java.nio.file.Files.size(tar) / 1024 + " KiB packed) from " + Text.clean(dir.toString())
                        + " to " + Text.clean(n) + "...");
                out().flush();
            }
            build = client().startBuild(n, tar, null, description);
        } catch (java.io.IOException e) {
            throw CliException.error("cannot pack " + dir + ": " + e.getMessage());
        } finally {
            if (tar != null) {
                try {
                    java.nio.file.Files.deleteIfExists(tar);
                } catch (java.io.IOException ignored) {
                    // a temporary file
                }
            }
        }
        Operation op = client().operation(build.operation());
        if (detach.detach) {
            return OperationProgress.detached(this, op, json);
        }
        if (!json) {
            out().println("Build " + build.id() + " (operation " + op.id() + ")...");
            out().flush();
        }
        OperationProgress progress = new OperationProgress(this, json).failing("Build " + build.id());
        Operation ended = progress.follow(op);
        if (json) {
            printJson(client().build(n, build.id()));
        }
        progress.requireSucceeded(ended);
        if (!json) {
            out().println("Released " + style().good("v" + ended.release()) + " (" + Text.clean(ended.description())
                    + ")");
            String url = webUrl(n);
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
