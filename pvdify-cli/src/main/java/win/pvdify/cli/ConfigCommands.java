package win.pvdify.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import win.pvdify.api.ConfigVars;
import win.pvdify.api.Operation;

/** config, config:get, config:set, config:unset. Values stay hidden unless --reveal. */
final class ConfigCommands {
    static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final String HIDDEN = "********";

    private ConfigCommands() {
    }

    static String key(ApiCommand cmd, String k) {
        if (!KEY.matcher(k).matches() || k.length() > 256) {
            throw cmd.usage("Invalid config var name '" + Text.brief(k, 60)
                    + "': letters, digits and _, not starting with a digit");
        }
        return k;
    }

    /** Follows a config change's operation (unless --detach) and ends its line with "done, vN". */
    static int follow(ApiCommand cmd, DetachOption detach, Operation op, String doing) {
        if (detach.detach) {
            return OperationProgress.detached(cmd, op, false);
        }
        OperationProgress progress = new OperationProgress(cmd, false).begin(doing);
        Operation ended = progress.follow(op);
        progress.finish(ended, ended.release() == null ? "" : ", v" + ended.release());
        return ExitCodes.OK;
    }

    @Command(name = "config", description = "Show an app's config vars (values hidden unless --reveal).")
    static final class Show extends ApiCommand {
        @Parameters(paramLabel = "NAME", arity = "0..1", description = "The app.")
        String name;

        @Option(names = {"-a", "--app"}, paramLabel = "NAME", description = "The app (instead of NAME).")
        String app;

        @Option(names = "--reveal", description = "Show the values.")
        boolean reveal;

        @Option(names = "--json", description = "Print {\"KEY\": \"value\"} JSON (values hidden unless --reveal).")
        boolean json;

        @Override
        public Integer call() {
            String n = appArgs(app, name == null ? null : java.util.List.of(name), 0, 0, "").app();
            ConfigVars c = client().config(n);
            Map<String, String> vars = new TreeMap<>(c.vars() == null ? Map.of() : c.vars());
            if (!reveal) {
                vars.replaceAll((k, v) -> HIDDEN);
            }
            if (json) {
                printJson(vars);
                return ExitCodes.OK;
            }
            heading(Text.clean(n) + " Config Vars");
            if (vars.isEmpty()) {
                out().println("No config vars. Set one with: pvdify config:set " + Text.clean(n) + " KEY=VALUE");
                return ExitCodes.OK;
            }
            KeyValues kv = new KeyValues();
            vars.forEach((k, v) -> kv.add(Text.clean(k), reveal ? Text.clean(v) : style().dim(v)));
            out().print(kv.render());
            if (!reveal) {
                out().println(style().dim("(values hidden; --reveal shows them)"));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "config:get", description = "Print one config var's value (exit 3 when it is not set).")
    static final class Get extends ApiCommand {
        @Parameters(paramLabel = "[NAME] KEY", description = "The app (unless -a) and the var's name.")
        java.util.List<String> args;

        @Option(names = {"-a", "--app"}, paramLabel = "NAME", description = "The app (instead of NAME).")
        String app;

        @Override
        public Integer call() {
            AppArgs a = appArgs(app, args, 1, 1, "the config var KEY");
            String k = key(this, a.rest().get(0));
            ConfigVars c = client().config(a.app());
            String v = c.vars() == null ? null : c.vars().get(k);
            if (v == null) {
                throw CliException.notFound("config var " + k + " is not set on " + Text.clean(a.app()));
            }
            root.secrets().add(v);
            out().println(v); // raw on purpose: scripts read it with $(pvdify config:get ...)
            return ExitCodes.OK;
        }
    }

    @Command(name = "config:set", description = {"Set config vars; makes a new release and restarts the dynos.",
        "Example: pvdify config:set my-app NODE_ENV=production PORT=3000"})
    static final class Set extends ApiCommand {
        @Parameters(paramLabel = "[NAME] KEY=VALUE", description = "The app (unless -a), then KEY=VALUE pairs.")
        java.util.List<String> args;

        @Option(names = {"-a", "--app"}, paramLabel = "NAME", description = "The app (instead of NAME).")
        String app;

        @Mixin
        DetachOption detach;

        @Override
        public Integer call() {
            AppArgs a = appArgs(app, args, 1, Integer.MAX_VALUE, "KEY=VALUE");
            Map<String, String> vars = new LinkedHashMap<>();
            int i = 0;
            for (String kv : a.rest()) {
                i++;
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    // never echo the argument: it may be a secret typed with a space instead of '='
                    throw usage("Argument " + i + " after the app name is not KEY=VALUE");
                }
                String value = kv.substring(eq + 1);
                root.secrets().add(value);
                vars.put(key(this, kv.substring(0, eq)), value);
            }
            Operation op = client().startSetConfig(a.app(), vars);
            return follow(this, detach, op, "Setting " + String.join(", ", vars.keySet()) + " and restarting "
                    + Text.clean(a.app()) + "...");
        }
    }

    @Command(name = "config:unset", aliases = "config:remove",
            description = "Unset config vars; makes a new release and restarts the dynos.")
    static final class Unset extends ApiCommand {
        @Parameters(paramLabel = "[NAME] KEY", description = "The app (unless -a), then the var names.")
        java.util.List<String> args;

        @Option(names = {"-a", "--app"}, paramLabel = "NAME", description = "The app (instead of NAME).")
        String app;

        @Mixin
        DetachOption detach;

        @Override
        public Integer call() {
            AppArgs a = appArgs(app, args, 1, Integer.MAX_VALUE, "the config var KEY");
            Map<String, String> unset = new LinkedHashMap<>();
            for (String k : a.rest()) {
                unset.put(key(this, k), null);
            }
            Operation op = unset.size() == 1
                    ? client().startUnsetConfig(a.app(), unset.keySet().iterator().next())
                    : client().startSetConfig(a.app(), unset);
            return follow(this, detach, op, "Unsetting " + String.join(", ", unset.keySet()) + " and restarting "
                    + Text.clean(a.app()) + "...");
        }
    }
}
