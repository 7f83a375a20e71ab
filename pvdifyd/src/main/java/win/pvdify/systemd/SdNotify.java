package win.pvdify.systemd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;

/**
 * sd_notify(3) for pvdifyd itself (Type=notify with a watchdog): one datagram per message to $NOTIFY_SOCKET,
 * a path or an abstract socket written with a leading '@'. The JDK has no Unix datagrams, jnr does.
 */
public final class SdNotify {
    private final String socket;

    public SdNotify(String socket) {
        if (socket == null || socket.isEmpty() || !(socket.startsWith("/") || socket.startsWith("@"))) {
            throw new IllegalArgumentException("NOTIFY_SOCKET must be a path or @abstract: " + socket);
        }
        this.socket = socket;
    }

    /** Empty when not started by systemd with Type=notify (no NOTIFY_SOCKET). */
    public static Optional<SdNotify> fromEnvironment(Map<String, String> env) {
        String s = env.get("NOTIFY_SOCKET");
        return s == null || s.isEmpty() ? Optional.empty() : Optional.of(new SdNotify(s));
    }

    public void ready() {
        send("READY=1");
    }

    public void status(String text) {
        send("STATUS=" + text.replace('\n', ' '));
    }

    public void watchdog() {
        send("WATCHDOG=1");
    }

    public void stopping() {
        send("STOPPING=1");
    }

    /** Sends newline-separated assignments as one datagram. */
    public void send(String message) {
        var address = new UnixSocketAddress(socket.startsWith("@") ? "\0" + socket.substring(1) : socket);
        try (var channel = UnixDatagramChannel.open()) {
            channel.send(ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)), address);
        } catch (IOException e) {
            throw new UncheckedIOException("sd_notify to " + socket + " failed: " + e.getMessage(), e);
        }
    }
}
