package win.pvdify.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** git:remote (adds the app's git remote and a credential helper, like heroku git:remote), git:credentials. */
final class GitCommands {
    private GitCommands() {
    }

    /** The app's git URL on this API: API-URL/git/APP.git. */
    static String url(String apiUrl, String app) {
        String base = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
        return base + "/git/" + app + ".git";
    }

    @Command(name = "git:remote", description = {"Add a git remote for an app (git push pvdify main deploys).",
        "Sets the remote (default name: pvdify) in the current repository and a credential helper for the API's",
        "URL that answers with your token (pvdify git:credentials)."})
    static final class Remote extends ApiCommand {
        @Option(names = {"-a", "--app"}, paramLabel = "NAME", required = true, description = "The app.")
        String app;

        @Option(names = {"-r", "--remote"}, paramLabel = "NAME", defaultValue = "pvdify",
                description = "The remote's name (default: ${DEFAULT-VALUE}).")
        String remote;

        @Override
        public Integer call() {
            if (!remote.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
                throw usage("--remote must be a simple name like pvdify");
            }
            String n = appArgs(app, null, 0, 0, "").app();
            client().app(n); // the app exists and the token may see it
            String url = url(root.target().url(), n);
            String base = root.target().url();
            boolean exists = git("remote", "get-url", remote).exit == 0;
            Result r = exists ? git("remote", "set-url", remote, url) : git("remote", "add", remote, url);
            if (r.exit != 0) {
                throw CliException.error("git remote " + (exists ? "set-url" : "add") + " failed: " + r.output.strip());
            }
            Result h = git("config", "credential." + base + ".helper", "!pvdify git:credentials");
            if (h.exit != 0) {
                throw CliException.error("git config failed: " + h.output.strip());
            }
            out().println("set git remote " + Text.clean(remote) + " to " + Text.clean(url));
            out().println("Deploy with: git push " + Text.clean(remote) + " main");
            return ExitCodes.OK;
        }

        private record Result(int exit, String output) {
        }

        private Result git(String... args) {
            List<String> cmd = new ArrayList<>(List.of("git"));
            cmd.addAll(List.of(args));
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                p.getOutputStream().close();
                String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return new Result(-1, "git did not finish");
                }
                return new Result(p.exitValue(), output);
            } catch (IOException e) {
                throw CliException.error("cannot run git: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw CliException.error("interrupted");
            }
        }
    }

    /** git's credential helper protocol: `get` answers the token the CLI would use as the password. */
    @Command(name = "git:credentials", hidden = true,
            description = "Git credential helper (set up by git:remote): prints the API token for git.")
    static final class Credentials extends ApiCommand {
        @Parameters(paramLabel = "ACTION", arity = "0..1", description = "get, store or erase (git's).")
        String action;

        @Override
        public Integer call() {
            if (!"get".equals(action)) {
                return ExitCodes.OK; // store and erase: the token lives in the CLI's own credentials
            }
            String token = root.target().token();
            if (token == null || token.isBlank()) {
                return ExitCodes.OK; // git then asks
            }
            out().println("username=pvdify");
            out().println("password=" + token);
            out().flush();
            return ExitCodes.OK;
        }
    }
}
