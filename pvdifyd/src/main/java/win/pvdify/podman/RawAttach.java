package win.pvdify.podman;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import jnr.unixsocket.UnixSocketAddress;
import jnr.unixsocket.UnixSocketChannel;

/**
 * Podman's attach over its Unix socket. Apache HttpClient (classic) cannot hand over a hijacked connection (it
 * sends the whole request body before it reads the answer), so this one request is written by hand: a GET-less
 * POST with `Upgrade: tcp`, then only the status line and headers are read (bounded), after which the socket is
 * the container's stdin one way and its output the other. Everything else goes through PodmanSocketApi's client.
 */
final class RawAttach implements PodmanAttach {
    private static final int MAX_HEADER = 16 * 1024;
    private static final int MAX_FRAME = 16 * 1024 * 1024;
    private final UnixSocketChannel channel;
    private final InputStream in;
    private final OutputStream out;
    private final boolean multiplexed;
    /** Bytes of the current multiplexed frame still to read, and its stream. */
    private long frameLeft;
    private int frameStream;
    private volatile boolean closed;

    private RawAttach(UnixSocketChannel channel, boolean multiplexed) {
        this.channel = channel;
        // Not Channels.newInputStream/newOutputStream: both lock the channel's blockingLock, so a read waiting
        // for output would hold up every write of stdin.
        this.in = new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                int n;
                do {
                    n = channel.read(ByteBuffer.wrap(b, off, len));
                } while (n == 0);
                return n;
            }
        };
        this.out = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer buf = ByteBuffer.wrap(b, off, len);
                while (buf.hasRemaining()) {
                    channel.write(buf);
                }
            }
        };
        this.multiplexed = multiplexed;
    }

    static RawAttach open(Path socket, String base, String nameOrId, boolean tty) {
        String path = base + "/containers/" + URLEncoder.encode(nameOrId, StandardCharsets.UTF_8)
                + "/attach?stream=true&stdin=true&stdout=true&stderr=true";
        return upgrade(socket, path, "", !tty, "attach " + nameOrId);
    }

    /** An exec session's streams (POST /exec/{id}/start, hijacked the same way; never a terminal: multiplexed). */
    static RawAttach openExec(Path socket, String base, String execId) {
        String path = base + "/exec/" + URLEncoder.encode(execId, StandardCharsets.UTF_8) + "/start";
        return upgrade(socket, path, "{\"Detach\":false,\"Tty\":false}", true, "exec " + execId);
    }

    private static RawAttach upgrade(Path socket, String path, String body, boolean multiplexed, String what) {
        UnixSocketChannel ch;
        try {
            ch = UnixSocketChannel.open(new UnixSocketAddress(socket.toFile()));
        } catch (IOException e) {
            throw new PodmanException("cannot reach Podman at " + socket + " (" + what + "): "
                    + e.getMessage(), e);
        }
        RawAttach a = new RawAttach(ch, multiplexed);
        try {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            a.out.write(("POST " + path + " HTTP/1.1\r\nHost: d\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + b.length + "\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            a.out.write(b);
            a.out.flush();
            String head = a.readHead();
            String status = head.lines().findFirst().orElse("");
            String[] words = status.split(" ", 3);
            int code = words.length >= 2 && words[1].matches("[0-9]{3}") ? Integer.parseInt(words[1]) : 500;
            if (code != 101 && code != 200) {
                // The error body is small JSON; read what is there for the message, bounded.
                byte[] err = a.in.readNBytes(2048);
                a.close();
                throw new PodmanException(code, what + " failed (" + code + "): "
                        + new String(err, StandardCharsets.UTF_8).strip());
            }
            return a;
        } catch (IOException e) {
            a.close();
            throw new PodmanException(what + " failed: " + e.getMessage(), e);
        }
    }

    private String readHead() throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("Podman closed the attach connection");
            }
            if (head.length() >= MAX_HEADER) {
                throw new IOException("attach answer header too large");
            }
            head.append((char) b);
        }
        return head.toString();
    }

    @Override
    public Chunk read() throws IOException {
        if (closed) {
            return null;
        }
        if (!multiplexed) {
            byte[] buf = new byte[MAX_CHUNK];
            int n = in.read(buf);
            return n < 0 ? null : new Chunk(1, java.util.Arrays.copyOf(buf, n));
        }
        while (frameLeft == 0) {
            byte[] header = in.readNBytes(8);
            if (header.length == 0) {
                return null;
            }
            if (header.length < 8) {
                throw new EOFException("truncated attach frame header");
            }
            frameStream = header[0] == 2 ? 2 : 1;
            frameLeft = ((header[4] & 0xffL) << 24) | ((header[5] & 0xffL) << 16) | ((header[6] & 0xffL) << 8)
                    | (header[7] & 0xffL);
            if (frameLeft > MAX_FRAME) {
                throw new IOException("attach frame too large: " + frameLeft);
            }
        }
        byte[] piece = in.readNBytes((int) Math.min(frameLeft, MAX_CHUNK));
        if (piece.length == 0) {
            throw new EOFException("truncated attach frame");
        }
        frameLeft -= piece.length;
        return new Chunk(frameStream, piece);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
    }

    @Override
    public void closeInput() throws IOException {
        channel.shutdownOutput();
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
