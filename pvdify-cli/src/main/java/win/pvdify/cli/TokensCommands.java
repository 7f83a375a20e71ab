package win.pvdify.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import win.pvdify.api.CreateToken;
import win.pvdify.api.CreatedToken;
import win.pvdify.api.Token;

/** tokens, tokens:create, tokens:revoke: app-scoped deploy tokens for CI (admin only). */
final class TokensCommands {
    private TokensCommands() {
    }

    @Command(name = "tokens", description = "List API tokens (never their secrets).")
    static final class List extends ApiCommand {
        @Option(names = "--json", description = "Print JSON (for scripts).")
        boolean json;

        @Override
        public Integer call() {
            java.util.List<Token> tokens = client().tokens();
            if (json) {
                printJson(tokens);
                return ExitCodes.OK;
            }
            heading("Tokens");
            Table t = Table.of("ID", "Kind", "App", "Description", "Created", "Last used");
            for (Token k : tokens) {
                t.row(Text.clean(k.id()), Text.clean(k.kind()), Text.clean(k.app()), Text.clean(k.description()),
                        Times.stamp(k.createdAt(), ctx().clock()),
                        k.lastUsedAt() == null ? "never" : Times.stamp(k.lastUsedAt(), ctx().clock()));
            }
            out().print(t.render());
            return ExitCodes.OK;
        }
    }

    @Command(name = "tokens:create", description = {"Create a deploy or preview token for one app (for CI).",
        "A deploy token deploys APP (and its preview apps APP-pr-N); a preview token only the preview apps, never",
        "APP itself: give pull-request workflows a preview token.",
        "The secret is shown once; store it right away (e.g. as a GitHub Actions secret)."})
    static final class Create extends ApiCommand {
        @Option(names = {"-a", "--app"}, paramLabel = "NAME", required = true, description = "The app it may deploy.")
        String app;

        @Option(names = {"-k", "--kind"}, paramLabel = "KIND", defaultValue = "deploy",
                description = "deploy (default) or preview (only APP-pr-N).")
        String kind;

        @Option(names = {"-d", "--description"}, paramLabel = "TEXT", description = "What it is for, e.g. \"GitHub CI\".")
        String description;

        @Option(names = "--json", description = "Print JSON, secret included (for scripts).")
        boolean json;

        @Override
        public Integer call() {
            if (!Token.Kind.DEPLOY.is(kind) && !Token.Kind.PREVIEW.is(kind)) {
                throw usage("--kind must be deploy or preview, not '" + Text.brief(kind, 40) + "'");
            }
            CreatedToken c = client().createToken(new CreateToken(kind, app, description));
            if (json) {
                printJson(c);
                return ExitCodes.OK;
            }
            out().println("Created " + kind + " token " + Text.clean(c.token().id()) + " for "
                    + (Token.Kind.PREVIEW.is(kind) ? "the preview apps of " : "") + Text.clean(app) + ".");
            out().println("Token: " + c.secret());
            out().println(style().warn("Store it now: it cannot be shown again."));
            return ExitCodes.OK;
        }
    }

    @Command(name = "tokens:revoke", description = "Revoke a token by its ID.")
    static final class Revoke extends ApiCommand {
        @Parameters(paramLabel = "ID", description = "The token's ID (see: pvdify tokens).")
        String id;

        @Override
        public Integer call() {
            client().revokeToken(id);
            out().println("Revoking token " + Text.clean(id) + "... " + style().good("done"));
            return ExitCodes.OK;
        }
    }
}
