package win.pvdify.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import win.pvdify.api.DnsRecord;
import win.pvdify.api.DnsZone;

/** cloudflare:zones, cloudflare:records: what the server's Cloudflare token can see (read-only, admin only). */
final class CloudflareCommands {
    private CloudflareCommands() {
    }

    @Command(name = "cloudflare:zones", description = {"List the Cloudflare zones the server's token can edit.",
        "domains:add --cloudflare creates records in the zone that holds the domain."})
    static final class Zones extends ApiCommand {
        @Option(names = "--json", description = "Print JSON (for scripts).")
        boolean json;

        @Override
        public Integer call() {
            java.util.List<DnsZone> zones = client().dnsZones();
            if (json) {
                printJson(zones);
                return ExitCodes.OK;
            }
            heading("Cloudflare Zones");
            if (zones.isEmpty()) {
                out().println("None: the token can see no zone.");
                return ExitCodes.OK;
            }
            Table t = Table.of("Zone ID", "Name", "Status");
            for (DnsZone z : zones) {
                t.row(Text.clean(z.id()), Text.clean(z.name()), Text.clean(z.status()));
            }
            out().print(t.render());
            return ExitCodes.OK;
        }
    }

    @Command(name = "cloudflare:records", description = "List the DNS records of a Cloudflare zone.")
    static final class Records extends ApiCommand {
        @Parameters(paramLabel = "ZONE_ID", description = "The zone's ID (see: pvdify cloudflare:zones).")
        String zone;

        @Option(names = "--json", description = "Print JSON (for scripts).")
        boolean json;

        @Override
        public Integer call() {
            java.util.List<DnsRecord> records = client().dnsRecords(zone);
            if (json) {
                printJson(records);
                return ExitCodes.OK;
            }
            heading("Records of zone " + Text.clean(zone));
            if (records.isEmpty()) {
                out().println("None.");
                return ExitCodes.OK;
            }
            Table t = Table.of("Type", "Name", "Content", "Proxied", "Record ID");
            for (DnsRecord r : records) {
                t.row(Text.clean(r.type()), Text.clean(r.name()), Text.clean(r.content()),
                        r.proxied() == null ? "" : (r.proxied() ? "yes" : "no"), Text.clean(r.id()));
            }
            out().print(t.render());
            return ExitCodes.OK;
        }
    }
}
