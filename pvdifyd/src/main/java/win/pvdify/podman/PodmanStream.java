package win.pvdify.podman;

/**
 * An open streaming answer (logs, events). next() blocks for the next item and returns null at the end;
 * close() may be called from any thread and aborts the stream at once (nothing is drained), after which
 * next() returns null.
 */
public interface PodmanStream<T> extends AutoCloseable {

    T next();

    @Override
    void close();
}
