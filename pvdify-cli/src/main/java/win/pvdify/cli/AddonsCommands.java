package win.pvdify.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import win.pvdify.api.Addon;
import win.pvdify.api.AddonAttachment;
import win.pvdify.api.AttachAddon;
import win.pvdify.api.CreateAddon;
import win.pvdify.api.Operation;

/**
 * addons, addons:create, addons:info, addons:attach, addons:detach, addons:restart, addons:destroy: managed
 * PostgreSQL and Redis (Heroku's addons commands; Dokku's postgres and redis plugins).
 */
final class AddonsCommands {
    private AddonsCommands() {
    }

    @Command(name = "addons", description = "List add-ons: every one, or those an app created or uses (-a).")
    static final class List_ extends ApiCommand {
        @Option(names = {"-a", "--app"}, paramLabel = "NAME", description = "Only this app's add-ons.")
        String app;

        @Option(names = "--json", description = "Print JSON (for scripts).")
        boolean json;

        @Override
        public Integer call() {
            List<Addon> addons = app == null ? client().addons() : client().addons(app);
            if (json) {
                printJson(addons);
                return ExitCodes.OK;
            }
            heading(app == null ? "Add-ons" : Text.clean(app) + " Add-ons");
            if (addons.isEmpty()) {
                out().println("no add-ons (create one with pvdify addons:create postgres -a APP)");
                return ExitCodes.OK;
            }
            Table t = Table.of("Add-on", "Kind", "Version", "App", "State", "Attached as");
            for (Addon a : addons) {
                t.row(Text.clean(a.name()), Text.clean(a.kind()), Text.clean(a.version()), Text.clean(a.app()),
                        style().state(Text.clean(a.state())), String.join(", ", a.attachments().stream()
                                .map(x -> Text.clean(x.var()) + " (" + Text.clean(x.app()) + ")").toList()));
            }
            out().print(t.render());
            return ExitCodes.OK;
        }
    }

    @Command(name = "addons:create", description = {"Create an add-on for an app: postgres or redis.",
        "It runs as a container with its data on a volume, reachable only from the apps it is attached to; the"
            + " app gets DATABASE_URL / REDIS_URL (or AS_URL with --as) as a config var, which makes a release.",
        "Example: pvdify addons:create postgres -a my-app"})
    static final class Create extends ApiCommand {
        @Parameters(paramLabel = "KIND", description = "postgres or redis.")
        String kind;

        @Option(names = {"-a", "--app"}, required = true, paramLabel = "NAME", description = "The app.")
        String app;

        @Option(names = "--name", paramLabel = "ADDON", description = "The add-on's name (default APP-KIND).")
        String addonName;

        @Option(names = "--as", paramLabel = "NAME", description = "The config var becomes NAME_URL.")
        String as;

        @Option(names = "--version", paramLabel = "V", description = "postgres 13-17, redis 6-7 (default: the"
                + " configured image's tag).")
        String version;

        @Option(names = "--json", description = "Print the add-on as JSON.")
        boolean json;

        @Mixin
        DetachOption detach;

        @Override
        public Integer call() {
            Operation op = client().startCreateAddon(app, new CreateAddon(kind, addonName, as, version));
            return follow(this, op, detach.detach, json, "Creating " + Text.clean(kind) + " add-on for "
                    + Text.clean(app) + "...", null);
        }
    }

    @Command(name = "addons:info", description = "Show an add-on: kind, version, image, state, attachments.")
    static final class Info extends ApiCommand {
        @Parameters(paramLabel = "ADDON", description = "The add-on.")
        String addon;

        @Option(names = "--json", description = "Print JSON (for scripts).")
        boolean json;

        @Override
        public Integer call() {
            Addon a = client().addon(addon);
            if (json) {
                printJson(a);
            } else {
                print(this, a);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "addons:attach", description = {"Attach an add-on to another app (share one database).",
        "The app gets its URL as a config var (a release); the add-on joins the app's network."})
    static final class Attach extends ApiCommand {
        @Parameters(paramLabel = "ADDON", description = "The add-on.")
        String addon;

        @Option(names = {"-a", "--app"}, required = true, paramLabel = "NAME", description = "The app.")
        String app;

        @Option(names = "--as", paramLabel = "NAME", description = "The config var becomes NAME_URL.")
        String as;

        @Option(names = "--json", description = "Print the add-on as JSON.")
        boolean json;

        @Mixin
        DetachOption detach;

        @Override
        public Integer call() {
            Operation op = client().startAttachAddon(addon, new AttachAddon(app, as));
            return follow(this, op, detach.detach, json, "Attaching " + Text.clean(addon) + " to " + Text.clean(app)
                    + "...", addon);
        }
    }

    @Command(name = "addons:detach", description = "Detach an add-on from an app: its config var goes (a release).")
    static final class Detach extends ApiCommand {
        @Parameters(paramLabel = "ADDON", description = "The add-on.")
        String addon;

        @Option(names = {"-a", "--app"}, required = true, paramLabel = "NAME", description = "The app.")
        String app;

        @Option(names = "--json", description = "Print the add-on as JSON.")
        boolean json;

        @Mixin
        DetachOption detach;

        @Override
        public Integer call() {
            Operation op = client().startDetachAddon(addon, app);
            return follow(this, op, detach.detach, json, "Detaching " + Text.clean(addon) + " from "
                    + Text.clean(app) + "...", addon);
        }
    }

    @Command(name = "addons:restart", description = "Restart an add-on's container (its data stays).")
    static final class Restart extends ApiCommand {
        @Parameters(paramLabel = "ADDON", description = "The add-on.")
        String addon;

        @Option(names = "--json", description = "Print the add-on as JSON.")
        boolean json;

        @Mixin
        DetachOption detach;

        @Override
        public Integer call() {
            Operation op = client().startRestartAddon(addon);
            return follow(this, op, detach.detach, json, "Restarting " + Text.clean(addon) + "...", addon);
        }
    }

    @Command(name = "addons:destroy", description = {"Destroy an add-on: its container, its volume (the data)"
            + " and the config var in every app it is attached to.",
        "Asks you to type its name; scripts pass --confirm ADDON."})
    static final class Destroy extends ApiCommand {
        @Parameters(paramLabel = "ADDON", description = "The add-on.")
        String addon;

        @Option(names = "--confirm", paramLabel = "ADDON", description = "The add-on's name again.")
        String confirm;

        @Mixin
        DetachOption detach;

        @Override
        public Integer call() {
            Confirmation.require(addon, confirm, ctx().terminal(), out(), style(),
                    "This will destroy add-on " + Text.clean(addon) + " with all its data.");
            Operation op = client().startDestroyAddon(addon, addon);
            if (detach.detach) {
                return OperationProgress.detached(this, op, false);
            }
            OperationProgress progress = new OperationProgress(this, false).begin("Destroying "
                    + Text.clean(addon) + "...");
            progress.finish(progress.follow(op), "");
            return ExitCodes.OK;
        }
    }

    /** name null: the add-on the operation created (from the app's list, newest). */
    private static int follow(ApiCommand cmd, Operation op, boolean detach, boolean json, String doing, String name) {
        if (detach) {
            return OperationProgress.detached(cmd, op, json);
        }
        OperationProgress progress = new OperationProgress(cmd, json).begin(doing);
        progress.finish(progress.follow(op), "");
        String n = name;
        if (n == null) {
            n = cmd.client().addons(op.app()).stream()
                    .max(java.util.Comparator.comparing(Addon::createdAt)).map(Addon::name).orElse(null);
        }
        if (n == null) {
            return ExitCodes.OK;
        }
        Addon a = cmd.client().addon(n);
        if (json) {
            cmd.printJson(a);
        } else {
            print(cmd, a);
        }
        return ExitCodes.OK;
    }

    private static void print(ApiCommand cmd, Addon a) {
        cmd.heading(Text.clean(a.name()));
        Table t = Table.of("Key", "Value");
        t.row("Kind", Text.clean(a.kind()));
        t.row("Version", Text.clean(a.version()));
        t.row("Image", Text.clean(a.image()));
        t.row("App", Text.clean(a.app()));
        t.row("State", cmd.style().state(Text.clean(a.state())));
        for (AddonAttachment x : a.attachments()) {
            t.row(Text.clean(x.var()) + " (" + Text.clean(x.app()) + ")", Text.clean(x.url()));
        }
        cmd.out().print(t.render());
    }
}
