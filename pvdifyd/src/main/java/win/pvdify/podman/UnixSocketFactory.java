package win.pvdify.podman;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import jnr.unixsocket.UnixSocket;
import jnr.unixsocket.UnixSocketAddress;
import jnr.unixsocket.UnixSocketChannel;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.io.DetachedSocketFactory;

/**
 * Hands HttpClient jnr Unix sockets that connect to one socket file whatever address they are given
 * (HttpClient 5.6 creates plain sockets through a DetachedSocketFactory and then connects them).
 */
final class UnixSocketFactory implements DetachedSocketFactory, DnsResolver {
    private final Path path;

    UnixSocketFactory(Path path) {
        this.path = path;
    }

    @Override
    public Socket create(Proxy proxy) throws IOException {
        return new PathSocket(UnixSocketChannel.open(), path);
    }

    /** No DNS: every host name "resolves" to loopback; the socket ignores it anyway. */
    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return new InetAddress[] {InetAddress.getLoopbackAddress()};
    }

    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }

    private static final class PathSocket extends UnixSocket {
        private final Path path;
        private volatile int soTimeout;

        PathSocket(UnixSocketChannel channel, Path path) {
            super(channel);
            this.path = path;
        }

        @Override
        public void connect(SocketAddress ignored) throws IOException {
            connect(ignored, 0);
        }

        @Override
        public void connect(SocketAddress ignored, int timeout) throws IOException {
            super.connect(new UnixSocketAddress(path.toFile()), timeout);
            if (soTimeout > 0) {
                super.setSoTimeout(soTimeout);
            }
        }

        /**
         * Remembered here: jnr's getSoTimeout can return garbage (even negative) for a socket whose connect
         * failed, which makes HttpClient's pool throw while discarding it.
         */
        @Override
        public void setSoTimeout(int timeout) throws java.net.SocketException {
            soTimeout = Math.max(0, timeout);
            if (isConnected()) {
                super.setSoTimeout(timeout);
            }
        }

        @Override
        public int getSoTimeout() {
            return soTimeout;
        }

        // TCP options make no sense on a Unix socket; HttpClient sets them anyway.
        @Override
        public void setTcpNoDelay(boolean on) {
        }

        @Override
        public void setSoLinger(boolean on, int linger) {
        }
    }
}
