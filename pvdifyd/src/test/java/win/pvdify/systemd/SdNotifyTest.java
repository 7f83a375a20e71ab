package win.pvdify.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;
import org.junit.jupiter.api.Test;

/** Real datagram sockets: a bound receiver stands in for systemd's notify socket. */
class SdNotifyTest {

    private static String receive(UnixDatagramChannel channel) throws Exception {
        ByteBuffer buf = ByteBuffer.allocate(4096);
        channel.receive(buf);
        buf.flip();
        return StandardCharsets.UTF_8.decode(buf).toString();
    }

    @Test
    void sendsToAPathSocket() throws Exception {
        Path sock = Path.of("target/sdnotify-test.sock").toAbsolutePath();
        Files.createDirectories(sock.getParent());
        Files.deleteIfExists(sock);
        try (var receiver = UnixDatagramChannel.open()) {
            receiver.bind(new UnixSocketAddress(sock.toFile()));
            var notify = new SdNotify(sock.toString());
            notify.ready();
            assertEquals("READY=1", receive(receiver));
            notify.status("deploying\nnow");
            assertEquals("STATUS=deploying now", receive(receiver));
        } finally {
            Files.deleteIfExists(sock);
        }
    }

    @Test
    void sendsToAnAbstractSocketAndPingsTheWatchdog() throws Exception {
        String name = "pvdify-sdnotify-test-" + ProcessHandle.current().pid();
        try (var receiver = UnixDatagramChannel.open()) {
            receiver.bind(new UnixSocketAddress("\0" + name));
            var env = Map.of("NOTIFY_SOCKET", "@" + name, "WATCHDOG_USEC", "40000");
            assertEquals(Optional.of(Duration.ofMillis(20)), Watchdog.interval(env, 1));
            try (var dog = Watchdog.start(env, ProcessHandle.current().pid(), () -> true).orElseThrow()) {
                assertEquals("WATCHDOG=1", receive(receiver));
                assertEquals("WATCHDOG=1", receive(receiver));
            }
        }
    }

    @Test
    void noWatchdogWhenNotAskedOrForAnotherPid() {
        assertTrue(Watchdog.interval(Map.of(), 1).isEmpty());
        assertTrue(Watchdog.interval(Map.of("WATCHDOG_USEC", "1000000", "WATCHDOG_PID", "2"), 1).isEmpty());
        assertEquals(Optional.of(Duration.ofMillis(500)),
                Watchdog.interval(Map.of("WATCHDOG_USEC", "1000000", "WATCHDOG_PID", "1"), 1));
        assertTrue(SdNotify.fromEnvironment(Map.of()).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new SdNotify("relative"));
    }
}
