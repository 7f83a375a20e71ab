package win.pvdify.firewall;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The nftables ruleset pvdify owns (its own table, replaced as a whole, so no other rule of the host is touched):
 * traffic from app networks (the pool every app network's subnet comes from) may not reach the host itself —
 * loopback through the bridge (route_localnet is on for published ports), the bridge gateway, any host address —
 * except the public HTTP(S) ports (Caddy, the same door the internet uses) and replies of connections the host
 * opened (Caddy and health checks to published ports); nor loopback or link-local addresses beyond the host
 * (cloud metadata at 169.254.169.254). Traffic between two app networks is dropped by Podman's `isolate` option
 * of each network. Pure.
 */
public final class NftRules {
    private static final Pattern TABLE = Pattern.compile("[a-z][a-z0-9_]{0,30}");
    private static final Pattern CIDR = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}");

    private NftRules() {
    }

    public static String render(String table, String pool, List<Integer> hostPorts) {
        if (table == null || !TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("invalid nftables table name: " + table);
        }
        if (pool == null || !CIDR.matcher(pool).matches()) {
            throw new IllegalArgumentException("invalid app network pool: " + pool);
        }
        for (int p : hostPorts) {
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("invalid port: " + p);
            }
        }
        String ports = hostPorts.stream().map(String::valueOf).collect(Collectors.joining(", "));
        StringBuilder b = new StringBuilder();
        b.append("# Written by pvdifyd: isolation of app networks (").append(pool).append("). Replaced as a whole.\n");
        // create-then-delete makes the load idempotent in one transaction
        b.append("table inet ").append(table).append('\n');
        b.append("delete table inet ").append(table).append('\n');
        b.append("table inet ").append(table).append(" {\n");
        b.append("\tchain input {\n");
        b.append("\t\ttype filter hook input priority filter - 10; policy accept;\n");
        // the host's own connections to a gateway address come in on lo with that source: not a dyno's
        b.append("\t\tiifname \"lo\" accept\n");
        b.append("\t\tip saddr ").append(pool).append(" ct state established,related accept\n");
        if (!hostPorts.isEmpty()) {
            b.append("\t\tip saddr ").append(pool).append(" tcp dport { ").append(ports).append(" } accept\n");
        }
        b.append("\t\tip saddr ").append(pool).append(" counter drop\n");
        b.append("\t}\n");
        b.append("\tchain forward {\n");
        b.append("\t\ttype filter hook forward priority filter - 10; policy accept;\n");
        b.append("\t\tip saddr ").append(pool).append(" ip daddr { 127.0.0.0/8, 169.254.0.0/16 } counter drop\n");
        b.append("\t}\n");
        b.append("}\n");
        return b.toString();
    }
}
