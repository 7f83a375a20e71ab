package win.pvdify.podman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MultiplexedStreamTest {

    private static byte[] frame(int stream, String text) {
        byte[] p = text.getBytes(StandardCharsets.UTF_8);
        var out = new ByteArrayOutputStream();
        out.write(stream);
        out.writeBytes(new byte[] {0, 0, 0, (byte) (p.length >>> 24), (byte) (p.length >>> 16),
                (byte) (p.length >>> 8), (byte) p.length});
        out.writeBytes(p);
        return out.toByteArray();
    }

    @Test
    void readsStdoutAndStderrFramesThenEnd() throws Exception {
        var out = new ByteArrayOutputStream();
        out.writeBytes(frame(1, "hello\n"));
        out.writeBytes(frame(2, "ünïcode " + "x".repeat(300) + "\n"));
        var s = new MultiplexedStream(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(new LogFrame(1, "hello"), s.next());
        assertEquals(new LogFrame(2, "ünïcode " + "x".repeat(300)), s.next());
        assertNull(s.next());
    }

    @Test
    void truncatedFrameIsAnError() {
        byte[] f = frame(1, "hello\n");
        var s = new MultiplexedStream(new ByteArrayInputStream(f, 0, f.length - 2));
        assertThrows(EOFException.class, s::next);
    }
}
