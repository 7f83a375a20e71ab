package win.pvdify.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import win.pvdify.api.App;
import win.pvdify.api.CreateApp;
import win.pvdify.api.Healthcheck;
import win.pvdify.api.Operation;
import win.pvdify.api.Resources;

/** apps, apps:create, apps:info, apps:delete. */
final class AppsCommands {
    private AppsCommands() {
    }

    @Command(name = "apps", description = "List all apps.")
    static final class List extends ApiCommand {
        @Option(names = "--json", description = "Print JSON (for scripts).")
        boolean json;

        @Override
        public Integer call() {
            java.util.List<App> apps = client().apps();
            if (json) {
                printJson(apps);
                return ExitCodes.OK;
            }
            heading("Apps");
            if (apps.isEmpty()) {
                out().println("You have no apps. Create one with: pvdify apps:create NAME");
                return ExitCodes.OK;
            }
            Table t = Table.of("Name", "Environment", "Status", "Release", "Web URL");
            for (App a : apps) {
                t.row(Text.clean(a.name()), Text.clean(a.environment()), style().state(Text.clean(a.status())),
                        a.currentRelease() == null ? "" : "v" + a.currentRelease(), Text.clean(a.webUrl()));
            }
            out().print(t.render());
            return ExitCodes.OK;
        }
    }

    @Command(name = "apps:create", description = "Create a new app.")
    static final class Create extends ApiCommand {
        @Parameters(paramLabel = "NAME", arity = "0..1",
                description = "App name: lowercase letters, digits and dashes, starting with a letter.")
        String name;

        @Option(names = {"-a", "--app"}, paramLabel = "NAME", description = "App name (instead of NAME).")
        String app;

        @Option(names = {"-e", "--environment"}, paramLabel = "ENV",
                description = "production (default) or staging.")
        String environment;

        @Option(names = "--json", description = "Print the created app as JSON.")
        boolean json;

        @Override
        public Integer call() {
            String n = appArgs(app, name == null ? null : java.util.List.of(name), 0, 0, "").app();
            if (environment != null && !environment.equals("production") && !environment.equals("staging")) {
                throw usage("--environment must be production or staging, got '" + Text.brief(environment, 40) + "'");
            }
            App created = client().createApp(new CreateApp(n, environment));
            if (json) {
                printJson(created);
                return ExitCodes.OK;
            }
            out().println("Creating " + Text.clean(created.name()) + "... " + style().good("done"));
            out().println(Text.clean(created.webUrl()) + " | " + Text.clean(created.environment()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "apps:info", description = "Show an app's details.")
    static final class Info extends ApiCommand {
        @Parameters(paramLabel = "NAME", arity = "0..1", description = "The app.")
        String name;

        @Option(names = {"-a", "--app"}, paramLabel = "NAME", description = "The app (instead of NAME).")
        String app;

        @Option(names = "--json", description = "Print JSON (for scripts).")
        boolean json;

        @Override
        public Integer call() {
            String n = appArgs(app, name == null ? null : java.util.List.of(name), 0, 0, "").app();
            App a = client().app(n);
            if (json) {
                printJson(a);
                return ExitCodes.OK;
            }
            heading(Text.clean(a.name()));
            KeyValues kv = new KeyValues()
                    .add("Web URL", Text.clean(a.webUrl()))
                    .add("Environment", Text.clean(a.environment()))
                    .add("Status", style().state(Text.clean(a.status())))
                    .add("Release", a.currentRelease() == null ? "none yet" : "v" + a.currentRelease())
                    .add("Image", Text.clean(a.image()))
                    .add("Port", a.bindPort() == null ? "" : a.bindPort().toString())
                    .add("Resources", resources(a.resources()))
                    .add("Health check", healthcheck(a.healthcheck()))
                    .add("Domains", a.domains() == null ? "" : Text.clean(String.join(", ", a.domains())));
            if (Boolean.TRUE.equals(a.readOnly())) {
                kv.add("Read-only", "yes");
            }
            kv.add("Created", Times.stamp(a.createdAt(), ctx().clock()))
                    .add("Updated", Times.stamp(a.updatedAt(), ctx().clock()));
            out().print(kv.render());
            return ExitCodes.OK;
        }

        private static String resources(Resources r) {
            if (r == null) {
                return "no limits";
            }
            return "memory " + (r.memoryMb() == null ? "unlimited" : r.memoryMb() + " MiB")
                    + ", cpu " + (r.cpu() == null ? "unlimited" : r.cpu());
        }

        private static String healthcheck(Healthcheck h) {
            if (h == null) {
                return "port open";
            }
            return (h.path() == null ? "port open" : "GET " + Text.clean(h.path()))
                    + (h.interval() == null ? "" : ", every " + h.interval() + "s")
                    + (h.timeout() == null ? "" : ", timeout " + h.timeout() + "s")
                    + (h.retries() == null ? "" : ", " + h.retries() + " retries");
        }
    }

    @Command(name = "apps:delete", aliases = "apps:destroy",
            description = {"Delete an app: its dynos, releases, config vars and domains.",
                "Its route goes first and its web dynos drain like a deploy's old ones, then every dyno stops.",
                "--force (for a stuck app): cancels its other operations, skips the drain and kills the dynos at once.",
                "Asks you to type the app name; scripts pass --confirm NAME."})
    static final class Delete extends ApiCommand {
        @Parameters(paramLabel = "NAME", arity = "0..1", description = "The app.")
        String name;

        @Option(names = {"-a", "--app"}, paramLabel = "NAME", description = "The app (instead of NAME).")
        String app;

        @Option(names = "--confirm", paramLabel = "NAME", description = "The app's name again, to skip the prompt.")
        String confirm;

        @Option(names = "--force", description = "Skip the drain and the dynos' stop timeout (requests in flight"
                + " drop); cancels the app's other operations.")
        boolean force;

        @Mixin
        DetachOption detach;

        @Override
        public Integer call() {
            String n = appArgs(app, name == null ? null : java.util.List.of(name), 0, 0, "").app();
            Confirmation.require(n, confirm, ctx().terminal(), out(), style(),
                    "This will delete " + Text.clean(n) + " with all its dynos, releases, config vars and domains.");
            if (force) {
                err().println("Warning: --force kills " + Text.clean(n) + "'s dynos at once: requests in flight drop.");
                err().flush();
            }
            Operation op = force ? client().startDeleteApp(n, true) : client().startDeleteApp(n);
            if (detach.detach) {
                return OperationProgress.detached(this, op, false);
            }
            OperationProgress progress = new OperationProgress(this, false).begin("Deleting " + Text.clean(n) + "...");
            progress.finish(progress.follow(op), "");
            return ExitCodes.OK;
        }
    }
}
