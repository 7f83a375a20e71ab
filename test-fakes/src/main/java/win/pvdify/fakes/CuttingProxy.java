package win.pvdify.fakes;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on a loopback port in front of an HTTP server that drops connections the way a network does:
 * the first {@code cuts} connections whose request line contains a marker (e.g. "/events") are cut after
 * {@code afterBytes} bytes of the answer (headers included). Everything else passes untouched. Requests go
 * upstream with "Connection: close", so each connection carries one request and is judged by it.
 */
public final class CuttingProxy implements Closeable {
    private final ServerSocket server;
    private final InetSocketAddress target;
    private final String marker;
    private final int afterBytes;
    private final AtomicInteger cutsLeft;
    /** The request line of every connection that carried the marker, and whether it was cut. */
    public final List<String> seen = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public CuttingProxy(int targetPort, String marker, int afterBytes, int cuts) throws IOException {
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        this.marker = marker;
        this.afterBytes = afterBytes;
        this.cutsLeft = new AtomicInteger(cuts);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "cutting-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** How many connections with the marker were cut so far. */
    public long cut() {
        return seen.stream().filter(s -> s.startsWith("cut ")).count();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Thread t = new Thread(() -> pipe(client), "cutting-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pipe(Socket client) {
        try (client; Socket upstream = new Socket()) {
            upstream.connect(target, 5_000);
            InputStream fromClient = client.getInputStream();
            // the request head decides whether this connection gets cut
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = fromClient.read()) >= 0) {
                head.write(b);
                byte[] h = head.toByteArray();
                int n = h.length;
                if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                    break;
                }
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            String requestLine = text.lines().findFirst().orElse("");
            boolean cut = requestLine.contains(marker) && cutsLeft.getAndDecrement() > 0;
            if (requestLine.contains(marker)) {
                String lastId = text.lines().filter(l -> l.regionMatches(true, 0, "Last-Event-ID:", 0, 14))
                        .map(l -> l.substring(14).trim()).findFirst().orElse("-");
                seen.add((cut ? "cut " : "whole ") + requestLine + " last-event-id=" + lastId);
            }
            OutputStream toUpstream = upstream.getOutputStream();
            // one request per connection, so every request is judged by itself: the client may not keep it alive
            StringBuilder rewritten = new StringBuilder();
            for (String l : text.split("\r\n")) {
                if (!l.isEmpty() && !l.regionMatches(true, 0, "Connection:", 0, 11)) {
                    rewritten.append(l).append("\r\n");
                }
            }
            rewritten.append("Connection: close\r\n\r\n");
            toUpstream.write(rewritten.toString().getBytes(StandardCharsets.ISO_8859_1));
            toUpstream.flush();
            Thread up = new Thread(() -> copy(fromClient, toUpstream, Long.MAX_VALUE), "cutting-proxy-up");
            up.setDaemon(true);
            up.start();
            copy(upstream.getInputStream(), client.getOutputStream(), cut ? afterBytes : Long.MAX_VALUE);
        } catch (IOException e) {
            // a peer went away: so does the other side
        }
    }

    private static void copy(InputStream in, OutputStream out, long limit) {
        byte[] buf = new byte[1024];
        long sent = 0;
        try {
            int n;
            while (sent < limit && (n = in.read(buf, 0, (int) Math.min(buf.length, limit - sent))) >= 0) {
                out.write(buf, 0, n);
                out.flush();
                sent += n;
            }
        } catch (IOException e) {
            // closed
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
    }
}
