package win.pvdify.api;

import io.avaje.jsonb.Json;

/**
 * A control message on a run's attach WebSocket (text frames; stdin and output are binary frames). Client to
 * server: resize (rows, cols) and eof (stdin ended). Server to client: exit (code) and error (message).
 */
@Json(naming = Json.Naming.LowerUnderscore)
public record RunControl(String type, Integer code, String message, Integer rows, Integer cols) {
    public static final String RESIZE = "resize";
    public static final String EOF = "eof";
    public static final String EXIT = "exit";
    public static final String ERROR = "error";

    public static RunControl resize(int rows, int cols) {
        return new RunControl(RESIZE, null, null, rows, cols);
    }

    public static RunControl eof() {
        return new RunControl(EOF, null, null, null, null);
    }
}
