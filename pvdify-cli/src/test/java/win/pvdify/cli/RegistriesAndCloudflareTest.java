package win.pvdify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import win.pvdify.TestDaemon;
import win.pvdify.api.CreateToken;
import win.pvdify.api.DnsRecord;
import win.pvdify.api.DnsZone;
import win.pvdify.api.ApiJson;
import win.pvdify.api.RegistryCredential;
import win.pvdify.fakes.FakeCloudflare;

class RegistriesAndCloudflareTest extends WithRealDaemon {
    private static final String PASSWORD = "ghp_s3cret-password";

    /** The password the daemon stored for a registry (the API never shows it back). */
    private Optional<String> storedPassword(String registry) {
        return daemon.daemon.store().registries().forRegistry(registry).map(l -> l.password());
    }

    private List<String> registries() {
        return daemon.admin().registries().stream().map(RegistryCredential::registry).toList();
    }

    @Test
    void registriesAddListRemoveWithThePasswordFromStdin() throws Exception {
        assertTrue(cli.run("registries").out().contains("None. Add one with: pvdify registries:add"));

        cli.terminal = new CliRun.FakeTerminal(false, PASSWORD);
        CliRun.Result add = cli.run("registries:add", "ghcr.io", "-u", "bot");
        assertEquals(0, add.code(), add.toString());
        assertTrue(add.out().contains("Storing the login for ghcr.io (user bot)... done"), add.out());
        assertFalse(add.out().contains(PASSWORD), add.out());
        assertEquals(Optional.of(PASSWORD), storedPassword("ghcr.io"));

        CliRun.Result list = cli.run("registries");
        assertEquals(0, list.code(), list.toString());
        assertTrue(list.out().startsWith("=== Registries\nRegistry  Username  Added\n"), list.out());
        assertTrue(list.out().contains("ghcr.io   bot"), list.out());
        List<RegistryCredential> json = new ApiJson().read(cli.run("registries", "--json").out(), ApiJson.listOf(RegistryCredential.class));
        assertEquals("bot", json.get(0).username());
        assertEquals(null, json.get(0).password());

        // scripts confirm with --confirm; without a terminal and without it, nothing is removed
        CliRun.Result refused = cli.run("registries:remove", "ghcr.io");
        assertEquals(ExitCodes.ERROR, refused.code(), refused.toString());
        assertTrue(refused.err().contains("--confirm ghcr.io"), refused.err());
        assertEquals(List.of("ghcr.io"), registries());
        assertEquals(ExitCodes.ERROR, cli.run("registries:remove", "ghcr.io", "--confirm", "quay.io").code());
        assertEquals(0, cli.run("registries:remove", "GHCR.io", "--confirm", "ghcr.io").code());
        assertEquals(List.of(), registries());
        assertEquals(ExitCodes.NOT_FOUND, cli.run("registries:remove", "ghcr.io", "--confirm", "ghcr.io").code());
    }

    @Test
    void onATerminalThePasswordIsAskedForWithoutEcho() {
        CliRun.FakeTerminal terminal = new CliRun.FakeTerminal(true, PASSWORD);
        cli.terminal = terminal;
        CliRun.Result add = cli.run("registries:add", "registry.example.com:5000", "-u", "ci");
        assertEquals(0, add.code(), add.toString());
        assertEquals(List.of("Password for ci@registry.example.com:5000: "), terminal.prompts);
        assertEquals(Optional.of(PASSWORD), storedPassword("registry.example.com:5000"));

        // --password-stdin reads stdin even on a terminal, without a prompt
        CliRun.FakeTerminal piped = new CliRun.FakeTerminal(true, "other-password");
        cli.terminal = piped;
        assertEquals(0, cli.run("registries:add", "quay.io", "-u", "ci", "--password-stdin").code());
        assertEquals(List.of(), piped.prompts);
        assertEquals(Optional.of("other-password"), storedPassword("quay.io"));

        // interactive removal: type the registry
        cli.terminal = new CliRun.FakeTerminal(true, "quay.io");
        assertEquals(0, cli.run("registries:remove", "quay.io").code());
        assertFalse(registries().contains("quay.io"), registries().toString());
    }

    @Test
    void theRegistryPasswordIsNeverAnArgumentAndNeverPrinted() {
        CliRun.Result noPassword = cli.run("registries:add", "ghcr.io", "-u", "bot");
        assertEquals(ExitCodes.USAGE, noPassword.code(), noPassword.toString());
        assertTrue(noPassword.err().contains("No password given"), noPassword.err());
        assertEquals(ExitCodes.USAGE, cli.run("registries:add", "ghcr.io", "-u", "bot", "--password", "x").code());
        assertEquals(ExitCodes.USAGE, cli.run("registries:add", "ghcr.io", "-u", "bot", PASSWORD).code());
        assertEquals(ExitCodes.USAGE, cli.run("registries:add", "ghcr.io").code());
        assertEquals(List.of(), registries());

        // an error message that would echo the password masks it
        daemon.close();
        cli.terminal = new CliRun.FakeTerminal(false, PASSWORD);
        CliRun.Result down = cli.run("registries:add", "ghcr.io", "-u", "bot");
        assertEquals(ExitCodes.UNREACHABLE, down.code(), down.toString());
        assertFalse(down.err().contains(PASSWORD) || down.out().contains(PASSWORD), down.toString());
    }

    @Test
    void cloudflareZonesAndRecordsAreReadOnlyTables() throws Exception {
        CliRun.Result off = cli.run("cloudflare:zones");
        assertEquals(ExitCodes.ERROR, off.code(), off.toString());
        assertTrue(off.err().contains("Cloudflare is not configured"), off.err());

        try (FakeCloudflare cloudflare = new FakeCloudflare(CLOUDFLARE_TOKEN).start(0);
             TestDaemon withCloudflare = new TestDaemon(cloudflare(cloudflare))) {
            String zone = cloudflare.addZone("example.com");
            cloudflare.addRecord(zone, "CNAME", "www.example.com", "my-app.pvdify.localhost", true);
            cloudflare.addRecord(zone, "A", "example.com", "203.0.113.7", false);
            CliRun cf = new CliRun(home);
            cf.env.put("PVDIFY_API_URL", withCloudflare.daemon.baseUrl());
            cf.env.put("PVDIFY_TOKEN", withCloudflare.adminToken);

            CliRun.Result zones = cf.run("cloudflare:zones");
            assertEquals(0, zones.code(), zones.toString());
            String idColumn = "%-" + zone.length() + "s";
            assertEquals("=== Cloudflare Zones\n" + idColumn.formatted("Zone ID") + "  Name         Status\n"
                    + "-".repeat(zone.length()) + "  -----------  ------\n"
                    + zone + "  example.com  active\n", zones.out());
            List<DnsZone> zj = new ApiJson().read(cf.run("cloudflare:zones", "--json").out(), ApiJson.listOf(DnsZone.class));
            assertEquals("example.com", zj.get(0).name());

            CliRun.Result records = cf.run("cloudflare:records", zone);
            assertEquals(0, records.code(), records.toString());
            assertTrue(records.out().startsWith("=== Records of zone " + zone + "\n"), records.out());
            assertTrue(records.out().contains("CNAME  www.example.com  my-app.pvdify.localhost  yes"), records.out());
            assertTrue(records.out().contains("A      example.com      203.0.113.7              no"), records.out());
            List<DnsRecord> rj = new ApiJson().read(cf.run("cloudflare:records", zone, "--json").out(), ApiJson.listOf(DnsRecord.class));
            assertEquals(2, rj.size());
            assertEquals(ExitCodes.NOT_FOUND, cf.run("cloudflare:records", "nope").code());
            assertEquals(ExitCodes.USAGE, cf.run("cloudflare:records").code());
        }
    }

    @Test
    void aDeployTokenIsForbidden() {
        cli.env.put("PVDIFY_TOKEN", daemon.admin().createToken(new CreateToken("deploy", "my-app", null)).secret());
        assertEquals(ExitCodes.UNAUTHORIZED, cli.run("registries").code());
        assertEquals(ExitCodes.UNAUTHORIZED, cli.run("cloudflare:zones").code());
    }
}
