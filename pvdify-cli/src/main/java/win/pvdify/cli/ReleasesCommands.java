package win.pvdify.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import win.pvdify.api.Release;

/** releases, releases:info. */
final class ReleasesCommands {
    private ReleasesCommands() {
    }

    /** "v3" or "3" -> 3; anything else is a usage error. */
    static int version(ApiCommand cmd, String s) {
        String v = s.startsWith("v") || s.startsWith("V") ? s.substring(1) : s;
        if (!v.matches("[0-9]{1,9}") || Integer.parseInt(v) < 1) {
            throw cmd.usage("Expected a release version like v3, got '" + Text.brief(s, 40) + "'");
        }
        return Integer.parseInt(v);
    }

    @Command(name = "releases", description = "List an app's releases, newest first.")
    static final class List extends ApiCommand {
        @Parameters(paramLabel = "NAME", arity = "0..1", description = "The app.")
        String name;

        @Option(names = {"-a", "--app"}, paramLabel = "NAME", description = "The app (instead of NAME).")
        String app;

        @Option(names = {"-n", "--num"}, paramLabel = "N", defaultValue = "15",
                description = "How many releases to show (default: ${DEFAULT-VALUE}).")
        int num;

        @Option(names = "--json", description = "Print JSON (for scripts).")
        boolean json;

        @Override
        public Integer call() {
            String n = appArgs(app, name == null ? null : java.util.List.of(name), 0, 0, "").app();
            if (num < 1) {
                throw usage("--num must be at least 1");
            }
            java.util.List<Release> all = new java.util.ArrayList<>(client().releases(n));
            all.sort((a, b) -> Integer.compare(b.version(), a.version()));
            java.util.List<Release> shown = all.subList(0, Math.min(num, all.size()));
            if (json) {
                printJson(shown);
                return ExitCodes.OK;
            }
            String current = all.stream().filter(r -> Release.Status.CURRENT.is(r.status())).findFirst()
                    .map(r -> " - Current: v" + r.version()).orElse("");
            heading(Text.clean(n) + " Releases" + current);
            if (shown.isEmpty()) {
                out().println("No releases yet. Deploy with: pvdify deploy " + Text.clean(n) + " --image IMAGE");
                return ExitCodes.OK;
            }
            Table t = Table.of("Version", "Description", "Status", "By", "Created");
            for (Release r : shown) {
                t.row("v" + r.version(), Text.clean(r.description()), style().state(Text.clean(r.status())),
                        Text.clean(r.createdBy()), Times.stamp(r.createdAt(), ctx().clock()));
            }
            out().print(t.render());
            return ExitCodes.OK;
        }
    }

    @Command(name = "releases:info", description = "Show one release.")
    static final class Info extends ApiCommand {
        @Parameters(paramLabel = "[NAME] VERSION", description = "The app (unless -a) and the version, e.g. v3.")
        java.util.List<String> args;

        @Option(names = {"-a", "--app"}, paramLabel = "NAME", description = "The app (instead of NAME).")
        String app;

        @Option(names = "--json", description = "Print JSON (for scripts).")
        boolean json;

        @Override
        public Integer call() {
            AppArgs a = appArgs(app, args, 1, 1, "the release VERSION (e.g. v3)");
            Release r = client().release(a.app(), version(this, a.rest().get(0)));
            if (json) {
                printJson(r);
                return ExitCodes.OK;
            }
            heading("Release v" + r.version());
            KeyValues kv = new KeyValues()
                    .add("Description", Text.clean(r.description()))
                    .add("Status", style().state(Text.clean(r.status())))
                    .add("Image", Text.clean(r.image()))
                    .add("Digest", Text.clean(r.imageDigest()))
                    .add("Config version", String.valueOf(r.configVersion()))
                    .add("By", Text.clean(r.createdBy()))
                    .add("When", Times.stamp(r.createdAt(), ctx().clock()));
            out().print(kv.render());
            if (r.failureReason() != null) {
                out().println();
                heading("Failure");
                for (String l : r.failureReason().split("\n", -1)) {
                    out().println(Text.clean(l));
                }
            }
            return ExitCodes.OK;
        }
    }
}
