package win.pvdify.cloudflare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import win.pvdify.api.DnsZone;

class ZoneMatchTest {
    private final List<DnsZone> zones = List.of(new DnsZone("1", "example.co.uk", "active"),
            new DnsZone("2", "shop.example.co.uk", "active"), new DnsZone("3", "ample.co.uk", "active"));

    @Test
    void picksTheLongestZoneThatHoldsTheHost() {
        assertEquals("2", ZoneMatch.longestSuffix(zones, "www.shop.example.co.uk").orElseThrow().id());
        assertEquals("2", ZoneMatch.longestSuffix(zones, "Shop.Example.co.uk.").orElseThrow().id());
        assertEquals("1", ZoneMatch.longestSuffix(zones, "www.example.co.uk").orElseThrow().id());
    }

    @Test
    void matchesWholeLabelsOnly() {
        assertEquals("3", ZoneMatch.longestSuffix(zones, "x.ample.co.uk").orElseThrow().id());
        assertTrue(ZoneMatch.longestSuffix(zones, "www.notexample.co.uk").isEmpty());
        assertTrue(ZoneMatch.longestSuffix(zones, null).isEmpty());
    }
}
