package win.pvdify.addon;

import java.util.Optional;
import java.util.Set;

/**
 * Picks an add-on's fixed address on an app network: from the top of the subnet down (the last address below the
 * broadcast first), skipping the ones other add-ons hold. Podman's IPAM hands dynos addresses from the bottom,
 * so the two meet only in a nearly full subnet. Fixed, so the URL in the apps' config stays right across add-on
 * restarts (Podman would otherwise hand out the next free address). Pure.
 */
public final class AddonAddress {
    /** At most this many add-ons on one network. */
    static final int MAX_PER_NETWORK = 16;

    private AddonAddress() {
    }

    /** subnet: IPv4 CIDR ("10.213.4.0/24"); empty when it is not one, too small, or its add-on range is full. */
    public static Optional<String> pick(String subnet, Set<String> taken) {
        String[] p = subnet == null ? new String[0] : subnet.split("/");
        if (p.length != 2) {
            return Optional.empty();
        }
        long base;
        int bits;
        try {
            base = parse(p[0]);
            bits = Integer.parseInt(p[1]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (base < 0 || bits < 8 || bits > 26) {
            return Optional.empty();
        }
        long size = 1L << (32 - bits);
        long network = base & ~(size - 1);
        long broadcast = network + size - 1;
        for (int i = 1; i <= MAX_PER_NETWORK; i++) {
            String ip = format(broadcast - i);
            if (!taken.contains(ip)) {
                return Optional.of(ip);
            }
        }
        return Optional.empty();
    }

    private static long parse(String ip) {
        String[] o = ip.split("\\.");
        if (o.length != 4) {
            return -1;
        }
        long v = 0;
        for (String s : o) {
            int n = Integer.parseInt(s);
            if (n < 0 || n > 255) {
                return -1;
            }
            v = v << 8 | n;
        }
        return v;
    }

    private static String format(long v) {
        return (v >> 24 & 255) + "." + (v >> 16 & 255) + "." + (v >> 8 & 255) + "." + (v & 255);
    }
}
