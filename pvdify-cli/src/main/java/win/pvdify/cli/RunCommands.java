package win.pvdify.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import win.pvdify.api.RunSettings;

/** run:settings (`pvdify run` itself is RunCommand). */
final class RunCommands {
    private RunCommands() {
    }

    @Command(name = "run:settings", description = {"Show or change who may run one-off commands on an app.",
        "Deploy tokens may not, unless turned on: a run gets every config var of the app.",
        "Example: pvdify run:settings my-app --deploy-tokens on"})
    static final class Settings extends ApiCommand {
        @Parameters(paramLabel = "NAME", arity = "0..1", description = "The app.")
        String name;

        @Option(names = {"-a", "--app"}, paramLabel = "NAME", description = "The app (instead of NAME).")
        String app;

        @Option(names = "--deploy-tokens", paramLabel = "on|off", description = "Whether the app's deploy tokens"
                + " may start runs.")
        String deployTokens;

        @Option(names = "--json", description = "Print JSON (for scripts).")
        boolean json;

        @Override
        public Integer call() {
            String n = appArgs(app, name == null ? null : java.util.List.of(name), 0, 0, "").app();
            RunSettings s;
            if (deployTokens != null) {
                boolean on = switch (deployTokens) {
                    case "on", "true", "yes" -> true;
                    case "off", "false", "no" -> false;
                    default -> throw usage("Expected --deploy-tokens on or off, got '"
                            + Text.brief(deployTokens, 20) + "'");
                };
                s = client().setRunSettings(n, new RunSettings(on));
            } else {
                s = client().runSettings(n);
            }
            if (json) {
                printJson(s);
                return ExitCodes.OK;
            }
            heading(Text.clean(n) + " one-off runs");
            out().print(new KeyValues().add("Deploy tokens may run",
                    Boolean.TRUE.equals(s.deployTokens()) ? "yes" : "no").render());
            return ExitCodes.OK;
        }
    }
}
