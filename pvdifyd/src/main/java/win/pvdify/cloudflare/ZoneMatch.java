package win.pvdify.cloudflare;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import win.pvdify.api.DnsZone;

/** Pure: which zone holds a hostname (www.shop.example.co.uk -> shop.example.co.uk before example.co.uk). */
public final class ZoneMatch {
    private ZoneMatch() {
    }

    public static Optional<DnsZone> longestSuffix(List<DnsZone> zones, String hostname) {
        if (hostname == null) {
            return Optional.empty();
        }
        String host = normalize(hostname);
        return zones.stream()
                .filter(z -> z.name() != null)
                .filter(z -> host.equals(normalize(z.name())) || host.endsWith("." + normalize(z.name())))
                .max(Comparator.comparingInt(z -> z.name().length()));
    }

    private static String normalize(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
