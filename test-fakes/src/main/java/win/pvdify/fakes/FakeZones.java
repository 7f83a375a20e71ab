package win.pvdify.fakes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** The fake's state: zones and their DNS records, in insertion order. Thread-safe (every method synchronized). */
final class FakeZones {

    record Zone(String id, String name, String status) {
    }

    record Record(String id, String zoneId, String type, String name, String content, boolean proxied, int ttl) {
    }

    private final Map<String, Zone> zones = new LinkedHashMap<>();
    private final Map<String, Record> records = new LinkedHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    synchronized Zone addZone(String name) {
        Zone zone = new Zone(newId("z"), name.toLowerCase(Locale.ROOT), "active");
        zones.put(zone.id(), zone);
        return zone;
    }

    synchronized List<Zone> zones(String nameFilter) {
        return zones.values().stream()
                .filter(z -> nameFilter == null || z.name().equals(nameFilter.toLowerCase(Locale.ROOT)))
                .toList();
    }

    synchronized Optional<Zone> zone(String id) {
        return Optional.ofNullable(zones.get(id));
    }

    synchronized List<Record> records(String zoneId, String nameFilter, String typeFilter) {
        return records.values().stream()
                .filter(r -> r.zoneId().equals(zoneId))
                .filter(r -> nameFilter == null || r.name().equals(nameFilter.toLowerCase(Locale.ROOT)))
                .filter(r -> typeFilter == null || r.type().equals(typeFilter))
                .toList();
    }

    synchronized List<Record> allRecords() {
        return new ArrayList<>(records.values());
    }

    /** Adds a record; empty when an A/AAAA/CNAME record of that name exists (Cloudflare's code 81053). */
    synchronized Optional<Record> add(Zone zone, String type, String name, String content, boolean proxied, int ttl) {
        String fqdn = qualify(zone, name);
        boolean clash = records.values().stream().anyMatch(r -> r.zoneId().equals(zone.id())
                && r.name().equals(fqdn) && List.of("A", "AAAA", "CNAME").contains(r.type()));
        if (clash) {
            return Optional.empty();
        }
        Record record = new Record(newId("r"), zone.id(), type, fqdn, content, proxied, ttl);
        records.put(record.id(), record);
        return Optional.of(record);
    }

    synchronized boolean delete(String zoneId, String recordId) {
        Record r = records.get(recordId);
        if (r == null || !r.zoneId().equals(zoneId)) {
            return false;
        }
        records.remove(recordId);
        return true;
    }

    /** Cloudflare accepts "@", a relative name or the full name; it stores the full name. */
    private static String qualify(Zone zone, String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("@") || n.equals(zone.name())) {
            return zone.name();
        }
        return n.endsWith("." + zone.name()) ? n : n + "." + zone.name();
    }

    /** 32 hex characters like Cloudflare's identifiers, deterministic per fake instance. */
    private String newId(String kind) {
        return String.format("%s%031x", kind.equals("z") ? "a" : "b", ids.incrementAndGet());
    }
}
