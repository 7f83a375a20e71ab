package win.pvdify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import win.pvdify.api.CreateApp;
import win.pvdify.api.CreateToken;
import win.pvdify.api.DeployRequest;
import win.pvdify.kube.KubeYaml;

/** export against the real daemon: one app to stdout, every app to a folder, secrets only when asked. */
class ExportCommandTest extends WithRealDaemon {

    private void kubweb() {
        daemon.admin().createApp(new CreateApp("kubweb", null));
        daemon.admin().deploy("kubweb", new DeployRequest("localhost/pvdify-test/web:1", null));
        daemon.admin().setConfig("kubweb", Map.of("GREETING", "hello-kube"));
    }

    @Test
    void printsOneAppsManifestsWithoutSecrets() {
        kubweb();
        CliRun.Result r = cli.run("export", "kubweb", "--format", "kube");
        assertEquals(0, r.code(), r.toString());
        assertEquals(List.of("Namespace", "Secret", "Deployment", "Service", "Ingress"),
                KubeYaml.read(r.out()).stream().map(o -> o.getKind()).toList());
        assertTrue(r.out().contains("GREETING: \"\""), r.out());
        assertFalse(r.out().contains("aGVsbG8ta3ViZQ"), "the value left without --include-secrets");

        CliRun.Result with = cli.run("export", "-a", "kubweb", "--include-secrets", "--cert-issuer", "letsencrypt");
        assertEquals(0, with.code(), with.toString());
        assertTrue(with.out().contains("GREETING: aGVsbG8ta3ViZQ=="), with.out()); // base64 of hello-kube
        assertTrue(with.out().contains("cert-manager.io/cluster-issuer: letsencrypt"), with.out());
    }

    @Test
    void exportsEveryDeployedAppToAFolder() throws Exception {
        kubweb();
        daemon.admin().createApp(new CreateApp("kubjobs", null));
        daemon.admin().deploy("kubjobs", new DeployRequest("localhost/pvdify-test/worker:latest", null));
        Path dir = home.resolve("manifests");
        // an earlier export without secrets left a file others may read: it must not stay so with secrets in it
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("kubweb.yaml"), "old");
        Files.setPosixFilePermissions(dir.resolve("kubweb.yaml"), PosixFilePermissions.fromString("rw-r--r--"));
        CliRun.Result r = cli.run("export", "--all", "-o", dir.toString(), "--include-secrets");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.err().contains("Skipped my-app"), r.err()); // nothing deployed
        assertTrue(r.err().contains("Wrote " + dir.resolve("kubweb.yaml")), r.err());
        assertEquals(List.of("kubjobs.yaml", "kubweb.yaml"), Files.list(dir).map(p -> p.getFileName().toString())
                .sorted().toList());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("kubweb.yaml"))));
        assertTrue(Files.readString(dir.resolve("kubweb.yaml")).contains("aGVsbG8ta3ViZQ=="));
        assertEquals("kubjobs", KubeYaml.read(Files.readString(dir.resolve("kubjobs.yaml"))).get(0)
                .getMetadata().getName());
    }

    @Test
    void badInputAndForbiddenSecretsFailClearly() {
        kubweb();
        CliRun.Result format = cli.run("export", "kubweb", "--format", "helm");
        assertEquals(ExitCodes.USAGE, format.code(), format.toString());
        assertTrue(format.err().contains("Unknown format 'helm'"), format.err());
        CliRun.Result both = cli.run("export", "kubweb", "--all");
        assertEquals(ExitCodes.USAGE, both.code(), both.toString());
        CliRun.Result none = cli.run("export");
        assertEquals(ExitCodes.USAGE, none.code(), none.toString());
        CliRun.Result unknown = cli.run("export", "kubnosuch");
        assertEquals(ExitCodes.NOT_FOUND, unknown.code(), unknown.toString());
        CliRun.Result hostile = cli.run("export", "kub\n---\nevil: 1");
        assertEquals(ExitCodes.NOT_FOUND, hostile.code(), hostile.toString());
        CliRun.Result nothing = cli.run("export", "my-app");
        assertEquals(ExitCodes.ERROR, nothing.code(), nothing.toString());
        assertTrue(nothing.err().contains("nothing deployed"), nothing.err());
        CliRun.Result issuer = cli.run("export", "kubweb", "--cert-issuer", "Not_A_Name");
        assertEquals(ExitCodes.ERROR, issuer.code(), issuer.toString());
        assertTrue(issuer.err().contains("cert issuer"), issuer.err());

        String token = daemon.admin().createToken(new CreateToken("deploy", "kubweb", "ci")).secret();
        CliRun deployToken = cliAt(url());
        deployToken.env.put("PVDIFY_TOKEN", token);
        assertEquals(0, deployToken.run("export", "kubweb").code());
        CliRun.Result secrets = deployToken.run("export", "kubweb", "--include-secrets");
        assertEquals(ExitCodes.UNAUTHORIZED, secrets.code(), secrets.toString());
        assertFalse(secrets.out().contains("aGVsbG8ta3ViZQ"));
    }
}
