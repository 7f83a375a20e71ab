package win.pvdify.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import win.pvdify.api.client.PvdifyClient;

/** `pvdify`: the root command. Holds the global options and, per run, the API target and known secrets. */
@Command(name = "pvdify",
        versionProvider = VersionProvider.class,
        description = "Heroku-style deployments on your own host. Talks to pvdifyd's REST API.",
        footerHeading = "%nConnection:%n",
        footer = {
            "  URL:   --api-url > PVDIFY_API_URL > `pvdify login` file > http://127.0.0.1:9443",
            "  Token: --token > PVDIFY_TOKEN > `pvdify login` file > local admin token file",
            "         (PVDIFY_DATA_DIR/admin-token, default /var/lib/pvdify/admin-token)",
            "  Colour only on a terminal, never with NO_COLOR. PVDIFY_DEBUG=1: stack traces."
        })
public final class PvdifyCommand implements Callable<Integer> {
    private final CliContext ctx;
    private final SecretMask secrets = new SecretMask();
    private ApiTarget target;
    private PvdifyClient client;

    @Spec
    CommandSpec spec;

    @Option(names = "--api-url", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "Pvdify API endpoint (env PVDIFY_API_URL)")
    String apiUrl;

    @Option(names = "--token", paramLabel = "TOKEN", scope = ScopeType.INHERIT,
            description = "API token (env PVDIFY_TOKEN)")
    String token;

    public PvdifyCommand(CliContext ctx) {
        this.ctx = ctx;
        secrets.add(ctx.env("PVDIFY_TOKEN"));
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    CliContext ctx() {
        return ctx;
    }

    SecretMask secrets() {
        secrets.add(token);
        return secrets;
    }

    Style style() {
        return new Style(ctx.colour());
    }

    ApiTarget target() {
        if (target == null) {
            ApiTarget t = ApiTargetResolver.resolve(apiUrl, token, ctx);
            secrets.add(t.token());
            ApiTargetResolver.validate(t.url());
            target = t;
        }
        return target;
    }

    PvdifyClient client() {
        if (client == null) {
            ApiTarget t = target();
            client = new PvdifyClient(t.url(), t.token());
        }
        return client;
    }
}
