package win.pvdify.podman;

import java.io.IOException;

/**
 * A connection attached to a container's standard streams (POST /containers/{id}/attach, hijacked into a raw
 * stream). Output comes as chunks of at most {@link #MAX_CHUNK} bytes, so no buffer grows with what the command
 * prints; with a terminal the stream is raw (all stdout), without one Podman multiplexes stdout and stderr.
 * Reads and writes block (back-pressure both ways). close() may be called from any thread.
 */
public interface PodmanAttach extends AutoCloseable {
    int MAX_CHUNK = 32 * 1024;

    /** One piece of output: stream 1 = stdout, 2 = stderr. */
    record Chunk(int stream, byte[] bytes) {
    }

    /** The next piece of output; null when the container's streams have ended. */
    Chunk read() throws IOException;

    /** Writes to the container's stdin. */
    void write(byte[] bytes, int offset, int length) throws IOException;

    /** Ends the container's stdin (EOF for the command), keeping output flowing. */
    void closeInput() throws IOException;

    @Override
    void close();
}
