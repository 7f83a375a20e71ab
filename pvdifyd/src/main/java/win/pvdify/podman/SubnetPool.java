package win.pvdify.podman;

import java.util.Collection;
import java.util.Optional;

/**
 * The IPv4 range app networks get their /24 subnets from (default 10.213.0.0/16: 256 apps). The firewall
 * matches the whole pool, so every app network is covered by its rules without knowing the apps. Pure.
 */
public record SubnetPool(long base, int prefix) {
    public static final int APP_PREFIX = 24;

    public SubnetPool {
        if (prefix < 8 || prefix > APP_PREFIX || (base & ~mask(prefix)) != 0) {
            throw new IllegalArgumentException("the app network pool must be an IPv4 CIDR from /8 to /24"
                    + " with no host bits: " + format(base) + "/" + prefix);
        }
    }

    public static SubnetPool parse(String cidr) {
        long[] r = cidr(cidr);
        return new SubnetPool(r[0], (int) r[1]);
    }

    /** The first /24 of the pool that overlaps none of the used subnets (IPv6 ones are ignored). */
    public Optional<String> next(Collection<String> used) {
        long count = 1L << (APP_PREFIX - prefix);
        for (long i = 0; i < count; i++) {
            long start = base + (i << (32 - APP_PREFIX));
            long end = start + (1L << (32 - APP_PREFIX)) - 1;
            boolean free = used.stream().filter(u -> !u.contains(":")).map(SubnetPool::cidr).noneMatch(u -> {
                long uStart = u[0];
                long uEnd = u[0] + (1L << (32 - u[1])) - 1;
                return uStart <= end && start <= uEnd;
            });
            if (free) {
                return Optional.of(format(start) + "/" + APP_PREFIX);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return format(base) + "/" + prefix;
    }

    private static long mask(int prefix) {
        return (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    /** [network address (host bits cleared), prefix length]. */
    static long[] cidr(String text) {
        String[] p = text.trim().split("/");
        if (p.length != 2) {
            throw new IllegalArgumentException("not an IPv4 CIDR: " + text);
        }
        String[] o = p[0].split("\\.");
        if (o.length != 4) {
            throw new IllegalArgumentException("not an IPv4 CIDR: " + text);
        }
        long a = 0;
        for (String s : o) {
            int v = Integer.parseInt(s);
            if (v < 0 || v > 255) {
                throw new IllegalArgumentException("not an IPv4 CIDR: " + text);
            }
            a = (a << 8) | v;
        }
        int len = Integer.parseInt(p[1]);
        if (len < 0 || len > 32) {
            throw new IllegalArgumentException("not an IPv4 CIDR: " + text);
        }
        return new long[] {a, len};
    }

    static String format(long a) {
        return ((a >> 24) & 255) + "." + ((a >> 16) & 255) + "." + ((a >> 8) & 255) + "." + (a & 255);
    }
}
