package win.pvdify.logs;

import java.util.function.Consumer;
import win.pvdify.engine.AppLogReader;

/**
 * The engine's AppLogReader: dyno lines from a LogSource (journald or Podman) in Heroku format. Platform lines
 * (pvdify[api]: ...) live in the store and are merged by whoever wires this (Main).
 */
public final class HerokuLogReader implements AppLogReader {
    private final LogSource source;

    public HerokuLogReader(LogSource source) {
        this.source = source;
    }

    @Override
    public void read(String app, int lines, String process, boolean follow, Consumer<String> sink) {
        source.read(app, process, lines, follow, line -> sink.accept(HerokuLogFormat.format(line)));
    }
}
