package win.pvdify.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import win.pvdify.api.Addon;
import win.pvdify.api.Run;

/**
 * pg:psql and redis:cli: an interactive client session on an app's add-on through the API (Heroku's pg:psql,
 * Dokku's postgres:connect). The daemon starts a one-off run of the app on its network with the add-on's own
 * image and client; this terminal attaches to it as `pvdify run` does.
 */
final class AddonConnectCommands {
    private AddonConnectCommands() {
    }

    abstract static class Connect extends ApiCommand {
        @Option(names = {"-a", "--app"}, required = true, paramLabel = "NAME", description = "The app.")
        String app;

        @Option(names = "--addon", paramLabel = "ADDON", description = "The add-on (default: the app's only or"
                + " first one of this kind).")
        String addon;

        abstract String kind();

        @Override
        public Integer call() {
            String name = addon;
            if (name == null) {
                List<Addon> mine = client().addons(app).stream().filter(a -> a.kind().equals(kind()))
                        .filter(a -> a.attachments().stream().anyMatch(t -> t.app().equals(app))).toList();
                name = mine.stream().findFirst().map(Addon::name).orElseThrow(() -> CliException.notFound(
                        Text.clean(app) + " has no " + kind() + " add-on attached (pvdify addons:create " + kind()
                                + " -a " + Text.clean(app) + ")"));
            }
            boolean tty = ctx().terminal().interactive();
            Run run = client().connectAddon(name, app, tty);
            err().println("Connecting to " + Text.clean(name) + " from " + Text.clean(app) + "... up, " + run.name());
            err().flush();
            return RunCommand.attach(this, app, run, tty);
        }
    }

    @Command(name = "pg:psql", description = {"Open psql on an app's postgres add-on (interactive; or pipe SQL in).",
        "Runs as a one-off of the app (its network, its DATABASE_URL) with the add-on's image."})
    static final class Psql extends Connect {
        @Override
        String kind() {
            return "postgres";
        }
    }

    @Command(name = "redis:cli", description = {"Open redis-cli on an app's redis add-on (interactive; or pipe"
            + " commands in).", "Runs as a one-off of the app (its network, its REDIS_URL) with the add-on's image."})
    static final class RedisCli extends Connect {
        @Override
        String kind() {
            return "redis";
        }
    }
}
