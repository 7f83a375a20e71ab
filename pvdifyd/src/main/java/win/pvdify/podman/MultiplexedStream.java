package win.pvdify.podman;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads Podman's multiplexed log stream: frames of an 8-byte header [stream, 0, 0, 0, length (big-endian
 * uint32)] and `length` bytes of payload. Returns null at a clean end of stream.
 */
final class MultiplexedStream {
    private final InputStream in;

    MultiplexedStream(InputStream in) {
        this.in = in;
    }

    LogFrame next() throws IOException {
        byte[] header = new byte[8];
        int first = in.readNBytes(header, 0, 8);
        if (first == 0) {
            return null;
        }
        if (first < 8) {
            throw new EOFException("truncated log frame header");
        }
        long length = ((header[4] & 0xffL) << 24) | ((header[5] & 0xffL) << 16) | ((header[6] & 0xffL) << 8)
                | (header[7] & 0xffL);
        if (length > 16 * 1024 * 1024) {
            throw new IOException("log frame too large: " + length);
        }
        byte[] payload = in.readNBytes((int) length);
        if (payload.length < length) {
            throw new EOFException("truncated log frame");
        }
        String text = new String(payload, StandardCharsets.UTF_8);
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        return new LogFrame(header[0], text);
    }
}
