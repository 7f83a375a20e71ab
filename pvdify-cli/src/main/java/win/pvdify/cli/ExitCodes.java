package win.pvdify.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import win.pvdify.api.client.ApiException;

/** The one place that says what each exit code means and which failure gets which code. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int ERROR = 1;
    public static final int USAGE = 2;
    public static final int NOT_FOUND = 3;
    public static final int UNAUTHORIZED = 4;
    public static final int DEPLOY_FAILED = 5;
    public static final int UNREACHABLE = 6;
    public static final int CANCELLED = 7;
    /** Ctrl-C (128 + SIGINT) while following an operation: it keeps running on the server. */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }

    /** Shown under "Exit codes:" in every command's --help. */
    public static Map<String, String> help() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("0", "ok");
        m.put("1", "the API refused the request, or another error");
        m.put("2", "usage error (unknown option, missing or malformed argument)");
        m.put("3", "not found (app, release, domain, token, config var)");
        m.put("4", "unauthorized or forbidden (log in, or use a token that may do this)");
        m.put("5", "deploy failed (a new release did not become current)");
        m.put("6", "cannot reach the Pvdify API");
        m.put("7", "the operation was cancelled");
        m.put("130", "Ctrl-C: stopped following; the operation goes on");
        return m;
    }

    /** Exit code for a failure that reached the top of a command. */
    public static int of(Throwable e) {
        if (e instanceof CliException c) {
            return c.exitCode();
        }
        if (e instanceof ApiException a) {
            return ofStatus(a.status());
        }
        return ERROR;
    }

    static int ofStatus(int status) {
        return switch (status) {
            case 0 -> UNREACHABLE;
            case 401, 403 -> UNAUTHORIZED;
            case 404 -> NOT_FOUND;
            default -> ERROR;
        };
    }
}
