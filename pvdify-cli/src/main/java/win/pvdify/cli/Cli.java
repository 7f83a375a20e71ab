package win.pvdify.cli;

import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;

/** Builds the command line for one run: streams, colours, error handling, help options and exit codes. */
public final class Cli {
    private Cli() {
    }

    /** The command line with every subcommand. */
    public static CommandLine commandLine(CliContext ctx) {
        return commandLine(ctx, Commands.ALL);
    }

    static CommandLine commandLine(CliContext ctx, java.util.List<Class<?>> subcommands) {
        CommandLine cl = new CommandLine(new PvdifyCommand(ctx));
        for (Class<?> c : subcommands) {
            cl.addSubcommand(c);
        }
        configure(cl.getCommandSpec());
        cl.setOut(ctx.out());
        cl.setErr(ctx.err());
        cl.setColorScheme(Help.defaultColorScheme(ctx.colour() ? Help.Ansi.ON : Help.Ansi.OFF));
        ErrorReporter reporter = new ErrorReporter();
        cl.setExecutionExceptionHandler(reporter);
        cl.setParameterExceptionHandler(reporter);
        cl.setAbbreviatedOptionsAllowed(false);
        return cl;
    }

    public static int run(CliContext ctx, String... args) {
        int code = commandLine(ctx, Commands.needed(args)).execute(args);
        ctx.out().flush();
        ctx.err().flush();
        return code;
    }

    private static void configure(CommandSpec spec) {
        spec.mixinStandardHelpOptions(true);
        spec.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCodes.help());
        spec.exitCodeOnInvalidInput(ExitCodes.USAGE);
        spec.exitCodeOnExecutionException(ExitCodes.ERROR);
        for (CommandLine sub : spec.subcommands().values()) {
            configure(sub.getCommandSpec());
        }
    }
}
