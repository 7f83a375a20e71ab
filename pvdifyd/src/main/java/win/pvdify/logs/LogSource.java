package win.pvdify.logs;

import java.util.function.Consumer;

/**
 * An app's dyno output, oldest first: the last `lines` lines, then, when follow, new lines until the consumer
 * throws or the calling thread is interrupted. process null = every process type. Only this app's dynos:
 * never another app whose name shares a prefix.
 */
public interface LogSource {

    void read(String app, String process, int lines, boolean follow, Consumer<LogLine> sink);
}
