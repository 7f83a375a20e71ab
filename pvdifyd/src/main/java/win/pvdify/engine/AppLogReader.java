package win.pvdify.engine;

import java.util.function.Consumer;

/**
 * The log seam the engine needs for AppRuntime.logs: Heroku-format lines of exactly this app's dynos
 * (and its platform lines). Implemented over win.pvdify.logs (journald) by the runtime; wired by Main.
 */
public interface AppLogReader {

    /** Same contract as AppRuntime.logs. */
    void read(String app, int lines, String process, boolean follow, Consumer<String> sink);
}
