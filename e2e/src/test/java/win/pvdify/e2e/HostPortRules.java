package win.pvdify.e2e;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Podman's (netavark's) port-forwarding rules live in the HOST's nat table, because a test systemd namespace shares
 * the host's network. A container whose cleanup never ran (killed by a namespace power-off) leaves its DNAT rule
 * behind, and that stale rule would catch the next container on the same host port. This removes the rules of a
 * port range that belongs to this test class only (never anyone else's).
 */
final class HostPortRules {
    private static final Pattern DPORT = Pattern.compile("--dport (\\d+)\\b");

    private HostPortRules() {
    }

    /** Deletes every nat rule that matches a destination port within first..last; returns how many. */
    static int removeForPorts(int first, int last) {
        Cmd.Result rules = Cmd.run(List.of("iptables", "-t", "nat", "-S"));
        if (!rules.ok()) {
            return 0; // no iptables here: nothing netavark could have left either
        }
        int removed = 0;
        for (String line : rules.output().split("\n")) {
            Matcher m = DPORT.matcher(line);
            if (!line.startsWith("-A ") || !m.find()) {
                continue;
            }
            int port = Integer.parseInt(m.group(1));
            if (port < first || port > last) {
                continue;
            }
            List<String> delete = new ArrayList<>(List.of("iptables", "-t", "nat", "-D"));
            delete.addAll(words(line.substring(3)));
            if (Cmd.run(delete).ok()) {
                removed++;
            }
        }
        return removed;
    }

    /** iptables -S quotes comments with double quotes; split like a shell would for that case only. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : text.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any) {
                    out.add(w.toString());
                }
                w.setLength(0);
                any = false;
            } else {
                w.append(c);
                any = true;
            }
        }
        if (any) {
            out.add(w.toString());
        }
        return out.isEmpty() ? Arrays.asList() : out;
    }
}
