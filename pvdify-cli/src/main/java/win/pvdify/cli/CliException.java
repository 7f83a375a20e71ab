package win.pvdify.cli;

/** A failure a command reports to the user with a chosen exit code (see {@link ExitCodes}). */
public final class CliException extends RuntimeException {
    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static CliException error(String message) {
        return new CliException(ExitCodes.ERROR, message);
    }

    public static CliException notFound(String message) {
        return new CliException(ExitCodes.NOT_FOUND, message);
    }

    /** An exit code whose reason is already printed: nothing more is reported. */
    public static CliException silent(int exitCode) {
        return new CliException(exitCode, null);
    }

    public static CliException deployFailed(String message) {
        return new CliException(ExitCodes.DEPLOY_FAILED, message);
    }
}
