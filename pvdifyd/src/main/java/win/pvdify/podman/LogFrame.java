package win.pvdify.podman;

/** One frame of a multiplexed log stream: stream 1 = stdout, 2 = stderr; text without the trailing newline. */
public record LogFrame(int stream, String text) {
}
