package win.pvdify.routing;

/** One web dyno behind an app's route: host:port on loopback. */
public record Upstream(String host, int port) {
    public String dial() {
        return host + ":" + port;
    }
}
