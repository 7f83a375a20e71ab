package win.pvdify.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import win.pvdify.api.Token;
import win.pvdify.api.Whoami;
import win.pvdify.api.client.ApiException;
import win.pvdify.api.client.PvdifyClient;

/** login, logout, whoami. */
final class AuthCommands {
    private AuthCommands() {
    }

    @Command(name = "login", description = {"Store an API URL and token for later commands.",
        "The token comes from --token, else a prompt on a terminal, else the first line of stdin.",
        "It is checked against the server first; the file is mode 0600 under $XDG_CONFIG_HOME/pvdify",
        "(default ~/.config/pvdify/credentials)."})
    static final class Login extends ApiCommand {
        @Override
        public Integer call() {
            CliContext ctx = ctx();
            CredentialsFile file = CredentialsFile.of(ctx);
            String url = root.apiUrl != null ? root.apiUrl : ctx.env("PVDIFY_API_URL");
            if (url == null && ctx.terminal().interactive()) {
                String typed = ctx.terminal().readLine("API URL [" + ApiTargetResolver.DEFAULT_URL + "]: ");
                url = typed == null || typed.isBlank() ? null : typed.strip();
            }
            url = ApiTargetResolver.normalise(url == null ? ApiTargetResolver.DEFAULT_URL : url);
            ApiTargetResolver.validate(url);
            String token = root.token;
            if (token == null) {
                token = ctx.terminal().interactive() ? ctx.terminal().readSecret("Token: ")
                        : ctx.terminal().readStdinLine();
            }
            if (token == null || token.isBlank()) {
                throw usage("No token given: pass --token, type it at the prompt, or pipe it on stdin");
            }
            token = token.strip();
            root.secrets().add(token);
            Whoami who;
            try {
                who = new PvdifyClient(url, token).whoami();
            } catch (ApiException e) {
                if (e.status() == 401 || e.status() == 403) {
                    throw new CliException(ExitCodes.UNAUTHORIZED, "the server at " + url
                            + " refused this token; nothing was stored");
                }
                throw e;
            }
            file.write(new Credentials(url, token));
            out().println("Logged in to " + url + " with " + describe(who) + ".");
            out().println("Saved to " + file.path() + " (mode 0600).");
            return ExitCodes.OK;
        }
    }

    @Command(name = "logout", description = "Remove the stored login (the token itself stays valid on the server).")
    static final class Logout extends ApiCommand {
        @Override
        public Integer call() {
            CredentialsFile file = CredentialsFile.of(ctx());
            if (file.delete()) {
                out().println("Logged out: removed " + file.path() + ".");
            } else {
                out().println("Not logged in (no " + file.path() + ").");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "whoami", description = "Show which server and token the CLI uses, and what the token may do.")
    static final class WhoamiCommand extends ApiCommand {
        @Option(names = "--json", description = "Print JSON (for scripts).")
        boolean json;

        @Override
        public Integer call() {
            Whoami who = client().whoami();
            if (json) {
                printJson(who);
                return ExitCodes.OK;
            }
            ApiTarget t = root.target();
            out().print(new KeyValues()
                    .add("API", Text.clean(t.url()))
                    .add("Token", describe(who))
                    .add("Token from", Text.clean(t.tokenSource()))
                    .render());
            return ExitCodes.OK;
        }
    }

    static String describe(Whoami who) {
        String id = who.tokenId() == null ? "" : " " + Text.clean(who.tokenId());
        if (Token.Kind.DEPLOY.is(who.kind())) {
            return "deploy token" + id + " for app " + Text.clean(who.app());
        }
        return Text.clean(who.kind()) + " token" + id;
    }
}
