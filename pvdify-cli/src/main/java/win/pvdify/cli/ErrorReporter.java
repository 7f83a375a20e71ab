package win.pvdify.cli;

import java.io.PrintWriter;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import win.pvdify.api.client.ApiException;

/**
 * Turns every failure into one readable line on stderr and an exit code ({@link ExitCodes}): no stack traces
 * (unless PVDIFY_DEBUG is set), known secrets masked, control characters escaped, huge arguments cut.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {
    private static final String PREFIX = " !    ";
    /** In picocli's messages arguments are quoted: hide what follows '=' (e.g. --tokn=SECRET). */
    private static final Pattern QUOTED_ASSIGNMENT = Pattern.compile("'([^'=\\s]*)=[^']*'");
    private static final int MAX = 500;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
        PvdifyCommand root = (PvdifyCommand) cl.getCommandSpec().root().userObject();
        PrintWriter err = cl.getErr();
        if (ex instanceof CliException c && c.getMessage() == null) {
            return c.exitCode(); // already reported where it happened
        }
        err.println(root.style().bad(PREFIX + root.secrets().apply(Text.brief(message(ex, root), MAX))));
        if (root.ctx().env("PVDIFY_DEBUG") != null) {
            err.println(root.secrets().apply(stackTrace(ex)));
        }
        err.flush();
        return ExitCodes.of(ex);
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PvdifyCommand root = (PvdifyCommand) cl.getCommandSpec().root().userObject();
        PrintWriter err = cl.getErr();
        String msg = Text.brief(ex.getMessage(), MAX);
        if (ex instanceof UnmatchedArgumentException) {
            msg = QUOTED_ASSIGNMENT.matcher(msg).replaceAll("'$1=****'");
        }
        err.println(PREFIX + root.secrets().apply(msg));
        if (ex instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            err.println(PREFIX + "Did you mean: " + String.join(" or ", u.getSuggestions().stream()
                    .limit(4).map(s -> Text.brief(s, 60)).toList()) + "?");
        }
        err.println(PREFIX + "See '" + cl.getCommandSpec().qualifiedName() + " --help'.");
        err.flush();
        return ExitCodes.USAGE;
    }

    private static String message(Exception ex, PvdifyCommand root) {
        if (ex instanceof CliException c) {
            return c.getMessage();
        }
        if (ex instanceof ApiException a) {
            String id = a.requestId() == null ? "" : " (request " + a.requestId() + ")";
            return switch (ExitCodes.of(a)) {
                case ExitCodes.UNREACHABLE -> a.getMessage()
                        + ". Is pvdifyd running? Set --api-url or PVDIFY_API_URL, or run `pvdify login`.";
                case ExitCodes.UNAUTHORIZED -> a.getMessage() + id + (a.status() == 401
                        ? ". Log in with `pvdify login`, or set PVDIFY_TOKEN (token from " + root.target().tokenSource()
                                + ")."
                        : ". This token may not do that.");
                default -> a.getMessage() + id;
            };
        }
        return "unexpected error: " + ex + " (PVDIFY_DEBUG=1 shows details)";
    }

    private static String stackTrace(Throwable t) {
        java.io.StringWriter s = new java.io.StringWriter();
        t.printStackTrace(new PrintWriter(s));
        return s.toString();
    }
}
