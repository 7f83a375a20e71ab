package win.pvdify.cli;

import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import win.pvdify.api.RegistryCredential;

/** registries, registries:add, registries:remove: logins for private image registries (admin only). */
final class RegistriesCommands {
    private RegistriesCommands() {
    }

    @Command(name = "registries", description = "List the private registries Pvdify logs in to (never the passwords).")
    static final class List extends ApiCommand {
        @Option(names = "--json", description = "Print JSON (for scripts).")
        boolean json;

        @Override
        public Integer call() {
            java.util.List<RegistryCredential> logins = client().registries();
            if (json) {
                printJson(logins);
                return ExitCodes.OK;
            }
            heading("Registries");
            if (logins.isEmpty()) {
                out().println("None. Add one with: pvdify registries:add REGISTRY -u USER");
                return ExitCodes.OK;
            }
            Table t = Table.of("Registry", "Username", "Added");
            for (RegistryCredential r : logins) {
                t.row(Text.clean(r.registry()), Text.clean(r.username()), Times.stamp(r.createdAt(), ctx().clock()));
            }
            out().print(t.render());
            return ExitCodes.OK;
        }
    }

    @Command(name = "registries:add", description = {"Store (or replace) the login for a private registry.",
        "The password is never an argument (it would show in ps and shell history): it is asked for on a",
        "terminal, else read from the first line of stdin (always so with --password-stdin), e.g.",
        "  echo \"$GHCR_TOKEN\" | pvdify registries:add ghcr.io -u bot --password-stdin"})
    static final class Add extends ApiCommand {
        @Parameters(paramLabel = "REGISTRY", description = "The registry host[:port], e.g. ghcr.io.")
        String registry;

        @Option(names = {"-u", "--username"}, paramLabel = "USER", required = true, description = "The login name.")
        String username;

        @Option(names = "--password-stdin", description = "Read the password from stdin, even on a terminal.")
        boolean passwordStdin;

        @Option(names = "--json", description = "Print the stored login as JSON (without the password).")
        boolean json;

        @Override
        public Integer call() {
            Terminal terminal = ctx().terminal();
            String password = !passwordStdin && terminal.interactive()
                    ? terminal.readSecret("Password for " + Text.clean(username) + "@" + Text.clean(registry) + ": ")
                    : terminal.readStdinLine();
            if (password != null && password.endsWith("\r")) {
                password = password.substring(0, password.length() - 1); // a line piped from Windows tools
            }
            if (password == null || password.isEmpty()) {
                throw usage("No password given: type it at the prompt, or pipe it on stdin (--password-stdin)");
            }
            root.secrets().add(password);
            RegistryCredential stored = client().addRegistry(registry, username, password);
            if (json) {
                printJson(stored);
                return ExitCodes.OK;
            }
            out().println("Storing the login for " + Text.clean(stored.registry()) + " (user "
                    + Text.clean(stored.username()) + ")... " + style().good("done"));
            out().println("Deploys pull images from " + Text.clean(stored.registry()) + " with it.");
            return ExitCodes.OK;
        }
    }

    @Command(name = "registries:remove", description = {"Remove the login for a registry.",
        "Asks you to type the registry; scripts pass --confirm REGISTRY."})
    static final class Remove extends ApiCommand {
        @Parameters(paramLabel = "REGISTRY", description = "The registry host[:port] (see: pvdify registries).")
        String registry;

        @Option(names = "--confirm", paramLabel = "REGISTRY", description = "Skip the prompt (must equal REGISTRY).")
        String confirm;

        @Override
        public Integer call() {
            // The daemon stores registries in lower case (host names are case-insensitive).
            String r = registry.strip().toLowerCase(Locale.ROOT);
            Confirmation.require(r, confirm == null ? null : confirm.strip().toLowerCase(Locale.ROOT),
                    ctx().terminal(), out(), style(), "Deploys of private images from " + Text.clean(r)
                            + " will fail to pull until a login is added again.");
            client().removeRegistry(r);
            out().println("Removing the login for " + Text.clean(r) + "... " + style().good("done"));
            return ExitCodes.OK;
        }
    }
}
