package win.pvdify.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import win.pvdify.api.App;
import win.pvdify.api.client.ApiException;

/** export: an app's (or every app's) current release as Kubernetes manifests, to stdout or one file per app. */
@Command(name = "export", description = {"Export an app's current release as Kubernetes manifests (multi-document"
        + " YAML): its Namespace, config Secret, a Deployment per process type, Service and Ingress for web,"
        + " CronJobs.",
    "Config values and registry passwords stay out (keys with empty values) unless --include-secrets (admins).",
    "Examples: pvdify export my-app --format kube | kubectl apply --server-side -f -",
    "          pvdify export --all --format kube -o manifests/"})
final class ExportCommand extends ApiCommand {
    @Parameters(paramLabel = "NAME", arity = "0..1", description = "The app.")
    String name;

    @Option(names = {"-a", "--app"}, paramLabel = "NAME", description = "The app (instead of NAME).")
    String app;

    @Option(names = "--all", description = "Every app that has a release (apps with nothing deployed are skipped).")
    boolean all;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "kube",
            description = "The format: kube (Kubernetes manifests; the default and the one there is).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Write DIR/NAME.yaml per app (created if missing) instead of printing.")
    Path output;

    @Option(names = "--include-secrets", description = "Put config values and registry passwords into the"
            + " Secrets (admin tokens only; files are written mode 0600).")
    boolean includeSecrets;

    @Option(names = "--cert-issuer", paramLabel = "NAME",
            description = "A cert-manager ClusterIssuer for the Ingress's TLS certificates.")
    String certIssuer;

    @Override
    public Integer call() {
        if (!format.equals("kube")) {
            throw usage("Unknown format '" + Text.brief(format, 40) + "': the one format is kube");
        }
        List<String> apps;
        if (all) {
            if (name != null || app != null) {
                throw usage("--all exports every app: give no app name with it");
            }
            apps = client().apps().stream().map(App::name).sorted().toList();
        } else {
            apps = List.of(appArgs(app, name == null ? null : List.of(name), 0, 0, "").app());
        }
        for (String a : apps) {
            String yaml;
            try {
                yaml = client().exportKube(a, includeSecrets, certIssuer);
            } catch (ApiException e) {
                if (all && e.status() == 409) { // nothing deployed yet: nothing to take along
                    err().println("Skipped " + Text.clean(a) + ": " + Text.clean(e.getMessage()));
                    continue;
                }
                throw e;
            }
            if (output == null) {
                out().print(yaml);
            } else {
                Path file = write(a, yaml);
                err().println("Wrote " + file);
            }
        }
        out().flush();
        err().flush();
        return ExitCodes.OK;
    }

    /** NAME.yaml in the output folder; app names are DNS labels, so no name leaves the folder. */
    private Path write(String a, String yaml) {
        Path file = output.resolve(a + ".yaml");
        try {
            Files.createDirectories(output);
            if (includeSecrets) {
                // 0600 before any secret is written, also when an earlier export left the file readable to others
                var owner = PosixFilePermissions.fromString("rw-------");
                try {
                    if (Files.exists(file)) {
                        Files.setPosixFilePermissions(file, owner);
                    } else {
                        Files.createFile(file, PosixFilePermissions.asFileAttribute(owner));
                    }
                } catch (UnsupportedOperationException notPosix) {
                    // the file gets the default mode
                }
            }
            Files.writeString(file, yaml, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw CliException.error("cannot write " + file + ": " + e.getMessage());
        }
        return file;
    }
}
