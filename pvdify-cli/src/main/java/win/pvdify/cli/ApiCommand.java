package win.pvdify.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import win.pvdify.api.ApiJson;
import win.pvdify.api.client.PvdifyClient;

/** What every command that talks to the API shares: output streams, the client, JSON and usage errors. */
abstract class ApiCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    PvdifyCommand root;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    PvdifyClient client() {
        return root.client();
    }

    Style style() {
        return root.style();
    }

    CliContext ctx() {
        return root.ctx();
    }

    /** Pretty JSON of the DTOs, snake_case like the API. */
    void printJson(Object value) {
        out().println(new ApiJson().writePretty(value));
        out().flush();
    }

    /** A usage error (exit 2), reported like picocli's own parse errors. */
    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** `=== title`, Heroku's section heading. */
    void heading(String title) {
        out().println(style().heading("=== " + title));
    }

    /**
     * Splits positionals into the app name and the rest: the app is `-a NAME` when given, else the first
     * positional (Heroku users type either).
     */
    record AppArgs(String app, List<String> rest) {
    }

    AppArgs appArgs(String appOption, List<String> positionals, int minRest, int maxRest, String restLabel) {
        List<String> p = positionals == null ? List.of() : positionals;
        String app;
        List<String> rest;
        if (appOption != null) {
            app = appOption;
            rest = p;
        } else {
            if (p.isEmpty()) {
                throw usage("Missing the app name: give NAME or -a NAME");
            }
            app = p.get(0);
            rest = p.subList(1, p.size());
        }
        if (app.isBlank()) {
            throw usage("The app name is empty");
        }
        if (rest.size() < minRest) {
            throw usage("Missing " + restLabel);
        }
        if (rest.size() > maxRest) {
            throw usage("Unexpected argument: '" + Text.brief(rest.get(maxRest), 60) + "'");
        }
        return new AppArgs(app, rest);
    }
}
