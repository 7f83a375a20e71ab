package win.pvdify.container;

import java.util.regex.Pattern;

/** A container port published on one host address (never a host name: nothing to resolve, nothing to inject). */
public record PublishedPort(String hostIp, int hostPort, int containerPort) {
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]{2,45}");

    public PublishedPort {
        if (hostIp == null || !(IPV4.matcher(hostIp).matches()
                || (hostIp.contains(":") && IPV6.matcher(hostIp).matches()))) {
            throw new IllegalArgumentException("invalid host address: " + hostIp);
        }
        if (hostPort < 1 || hostPort > 65535 || containerPort < 1 || containerPort > 65535) {
            throw new IllegalArgumentException("invalid ports: " + hostPort + ":" + containerPort);
        }
    }

    /** The `-p` value of `podman run`: IPv6 addresses in brackets. */
    public String publishArg() {
        String ip = hostIp.contains(":") ? "[" + hostIp + "]" : hostIp;
        return ip + ":" + hostPort + ":" + containerPort;
    }
}
