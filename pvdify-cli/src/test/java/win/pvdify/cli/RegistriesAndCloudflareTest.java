package win.pvdify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import win.pvdify.api.ApiJson;
import win.pvdify.api.DnsRecord;
import win.pvdify.api.DnsZone;
import win.pvdify.api.RegistryCredential;

class RegistriesAndCloudflareTest extends WithFakeApi {
    private static final String PASSWORD = "ghp_s3cret-password";

    @Test
    void registriesAddListRemoveWithThePasswordFromStdin() throws Exception {
        assertTrue(cli.run("registries").out().contains("None. Add one with: pvdify registries:add"));

        cli.terminal = new CliRun.FakeTerminal(false, PASSWORD);
        CliRun.Result add = cli.run("registries:add", "ghcr.io", "-u", "bot");
        assertEquals(0, add.code(), add.toString());
        assertTrue(add.out().contains("Storing the login for ghcr.io (user bot)... done"), add.out());
        assertFalse(add.out().contains(PASSWORD), add.out());
        assertEquals(PASSWORD, fake.registryPasswords.get("ghcr.io"));

        CliRun.Result list = cli.run("registries");
        assertEquals(0, list.code(), list.toString());
        assertTrue(list.out().startsWith("=== Registries\nRegistry  Username  Added\n"), list.out());
        assertTrue(list.out().contains("ghcr.io   bot"), list.out());
        List<RegistryCredential> json = new ApiJson().read(cli.run("registries", "--json").out(),
                ApiJson.listOf(RegistryCredential.class));
        assertEquals("bot", json.get(0).username());
        assertEquals(null, json.get(0).password());

        // scripts confirm with --confirm; without a terminal and without it, nothing is removed
        CliRun.Result refused = cli.run("registries:remove", "ghcr.io");
        assertEquals(ExitCodes.ERROR, refused.code(), refused.toString());
        assertTrue(refused.err().contains("--confirm ghcr.io"), refused.err());
        assertEquals(1, fake.registries.size());
        assertEquals(ExitCodes.ERROR, cli.run("registries:remove", "ghcr.io", "--confirm", "quay.io").code());
        assertEquals(0, cli.run("registries:remove", "GHCR.io", "--confirm", "ghcr.io").code());
        assertEquals(0, fake.registries.size());
        assertEquals(ExitCodes.NOT_FOUND, cli.run("registries:remove", "ghcr.io", "--confirm", "ghcr.io").code());
    }

    @Test
    void onATerminalThePasswordIsAskedForWithoutEcho() {
        CliRun.FakeTerminal terminal = new CliRun.FakeTerminal(true, PASSWORD);
        cli.terminal = terminal;
        CliRun.Result add = cli.run("registries:add", "registry.example.com:5000", "-u", "ci");
        assertEquals(0, add.code(), add.toString());
        assertEquals(List.of("Password for ci@registry.example.com:5000: "), terminal.prompts);
        assertEquals(PASSWORD, fake.registryPasswords.get("registry.example.com:5000"));

        // --password-stdin reads stdin even on a terminal, without a prompt
        CliRun.FakeTerminal piped = new CliRun.FakeTerminal(true, "other-password");
        cli.terminal = piped;
        assertEquals(0, cli.run("registries:add", "quay.io", "-u", "ci", "--password-stdin").code());
        assertEquals(List.of(), piped.prompts);
        assertEquals("other-password", fake.registryPasswords.get("quay.io"));

        // interactive removal: type the registry
        cli.terminal = new CliRun.FakeTerminal(true, "quay.io");
        assertEquals(0, cli.run("registries:remove", "quay.io").code());
        assertFalse(fake.registries.containsKey("quay.io"));
    }

    @Test
    void theRegistryPasswordIsNeverAnArgumentAndNeverPrinted() {
        CliRun.Result noPassword = cli.run("registries:add", "ghcr.io", "-u", "bot");
        assertEquals(ExitCodes.USAGE, noPassword.code(), noPassword.toString());
        assertTrue(noPassword.err().contains("No password given"), noPassword.err());
        assertEquals(ExitCodes.USAGE, cli.run("registries:add", "ghcr.io", "-u", "bot", "--password", "x").code());
        assertEquals(ExitCodes.USAGE, cli.run("registries:add", "ghcr.io", "-u", "bot", PASSWORD).code());
        assertEquals(ExitCodes.USAGE, cli.run("registries:add", "ghcr.io").code());
        assertTrue(fake.requests("POST", "/api/v1/registries").isEmpty());

        // an error message that would echo the password masks it
        fake.close();
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

        fake.cloudflare = new LinkedHashMap<>();
        fake.cloudflare.put(new DnsZone("z1", "example.com", "active"), List.of(
                new DnsRecord("r1", "CNAME", "www.example.com", "my-app.pvdify.test", true),
                new DnsRecord("r2", "A", "example.com", "203.0.113.7", false)));
        CliRun.Result zones = cli.run("cloudflare:zones");
        assertEquals(0, zones.code(), zones.toString());
        assertEquals("=== Cloudflare Zones\nZone ID  Name         Status\n-------  -----------  ------\n"
                + "z1       example.com  active\n", zones.out());
        List<DnsZone> zj = new ApiJson().read(cli.run("cloudflare:zones", "--json").out(),
                ApiJson.listOf(DnsZone.class));
        assertEquals("example.com", zj.get(0).name());

        CliRun.Result records = cli.run("cloudflare:records", "z1");
        assertEquals(0, records.code(), records.toString());
        assertTrue(records.out().startsWith("=== Records of zone z1\n"), records.out());
        assertTrue(records.out().contains("CNAME  www.example.com  my-app.pvdify.test  yes"), records.out());
        assertTrue(records.out().contains("A      example.com      203.0.113.7         no"), records.out());
        List<DnsRecord> rj = new ApiJson().read(cli.run("cloudflare:records", "z1", "--json").out(),
                ApiJson.listOf(DnsRecord.class));
        assertEquals(2, rj.size());
        assertEquals(ExitCodes.NOT_FOUND, cli.run("cloudflare:records", "nope").code());
        assertEquals(ExitCodes.USAGE, cli.run("cloudflare:records").code());
    }

    @Test
    void aDeployTokenIsForbidden() {
        fake.tokens.put("tok-1", new win.pvdify.api.Token("tok-1", "deploy", "my-app", null, FakePvdifyd.T0, null));
        fake.tokenSecrets.put("tok-1", "pvd_deploy");
        cli.env.put("PVDIFY_TOKEN", "pvd_deploy");
        assertEquals(ExitCodes.UNAUTHORIZED, cli.run("registries").code());
        assertEquals(ExitCodes.UNAUTHORIZED, cli.run("cloudflare:zones").code());
    }
}
