package win.pvdify.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import win.pvdify.api.Build;

/** builds, builds:info, builds:output, builds:cancel. */
final class BuildsCommands {
    private BuildsCommands() {
    }

    static int id(ApiCommand cmd, String s) {
        if (!s.matches("[0-9]{1,9}") || Integer.parseInt(s) < 1) {
            throw cmd.usage("Expected a build number like 3, got '" + Text.brief(s, 40) + "'");
        }
        return Integer.parseInt(s);
    }

    @Command(name = "builds", description = "List an app's builds from source, newest first.")
    static final class List extends ApiCommand {
        @Parameters(paramLabel = "NAME", arity = "0..1", description = "The app.")
        String name;

        @Option(names = {"-a", "--app"}, paramLabel = "NAME", description = "The app (instead of NAME).")
        String app;

        @Option(names = "--json", description = "Print JSON (for scripts).")
        boolean json;

        @Override
        public Integer call() {
            String n = appArgs(app, name == null ? null : java.util.List.of(name), 0, 0, "").app();
            java.util.List<Build> all = client().builds(n);
            if (json) {
                printJson(all);
                return ExitCodes.OK;
            }
            heading(Text.clean(n) + " Builds");
            if (all.isEmpty()) {
                out().println("No builds yet. Build with: git push pvdify main, or pvdify deploy " + Text.clean(n)
                        + " --source .");
                return ExitCodes.OK;
            }
            Table t = Table.of("Build", "Status", "Source", "Version", "Release", "By", "Created");
            for (Build b : all) {
                t.row(String.valueOf(b.id()), style().state(Text.clean(b.status())), Text.clean(b.source()),
                        Text.brief(Text.clean(b.sourceVersion()), 19), b.release() == null ? "" : "v" + b.release(),
                        Text.clean(b.createdBy()), Times.stamp(b.createdAt(), ctx().clock()));
            }
            out().print(t.render());
            return ExitCodes.OK;
        }
    }

    @Command(name = "builds:info", description = "Show one build.")
    static final class Info extends ApiCommand {
        @Parameters(paramLabel = "[NAME] ID", description = "The app (unless -a) and the build number.")
        java.util.List<String> args;

        @Option(names = {"-a", "--app"}, paramLabel = "NAME", description = "The app (instead of NAME).")
        String app;

        @Option(names = "--json", description = "Print JSON (for scripts).")
        boolean json;

        @Override
        public Integer call() {
            AppArgs a = appArgs(app, args, 1, 1, "the build ID (e.g. 3)");
            Build b = client().build(a.app(), id(this, a.rest().get(0)));
            if (json) {
                printJson(b);
                return ExitCodes.OK;
            }
            heading("Build " + b.id());
            out().print(new KeyValues()
                    .add("Status", style().state(Text.clean(b.status())))
                    .add("Source", Text.clean(b.source()) + " " + Text.clean(b.sourceVersion()))
                    .add("Builder", Text.clean(b.builder()))
                    .add("Image", Text.clean(b.image()))
                    .add("Release", b.release() == null ? "" : "v" + b.release())
                    .add("Operation", b.operation() == null ? "" : String.valueOf(b.operation()))
                    .add("Error", Text.clean(b.error()))
                    .add("By", Text.clean(b.createdBy()))
                    .add("When", Times.stamp(b.createdAt(), ctx().clock()))
                    .render());
            return ExitCodes.OK;
        }
    }

    @Command(name = "builds:output", description = "Print a build's output (--follow: until it ends).")
    static final class Output extends ApiCommand {
        @Parameters(paramLabel = "[NAME] ID", description = "The app (unless -a) and the build number.")
        java.util.List<String> args;

        @Option(names = {"-a", "--app"}, paramLabel = "NAME", description = "The app (instead of NAME).")
        String app;

        @Option(names = {"-f", "--follow"}, description = "Keep printing until the build has ended.")
        boolean follow;

        @Override
        public Integer call() {
            AppArgs a = appArgs(app, args, 1, 1, "the build ID (e.g. 3)");
            client().buildOutput(a.app(), id(this, a.rest().get(0)), follow, line -> {
                out().println(Text.clean(line));
                out().flush();
            });
            return ExitCodes.OK;
        }
    }

    @Command(name = "builds:cancel", description = "Cancel a pending build (the previous release keeps serving).")
    static final class Cancel extends ApiCommand {
        @Parameters(paramLabel = "[NAME] ID", description = "The app (unless -a) and the build number.")
        java.util.List<String> args;

        @Option(names = {"-a", "--app"}, paramLabel = "NAME", description = "The app (instead of NAME).")
        String app;

        @Option(names = "--json", description = "Print JSON (for scripts).")
        boolean json;

        @Override
        public Integer call() {
            AppArgs a = appArgs(app, args, 1, 1, "the build ID (e.g. 3)");
            Build b = client().cancelBuild(a.app(), id(this, a.rest().get(0)));
            if (json) {
                printJson(b);
            } else {
                out().println("Build " + b.id() + ": " + style().state(Text.clean(b.status())));
            }
            return ExitCodes.OK;
        }
    }
}
