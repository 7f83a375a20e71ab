package win.pvdify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import win.pvdify.api.ApiJson;
import win.pvdify.api.Release;

class DeployAndReleasesTest extends WithFakeApi {
    @Test
    void deployShowsProgressAndEndsWithReleaseAndUrl() {
        CliRun.Result r = cli.run("deploy", "my-app", "-i", "nginx:1.27");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("-----> Pulling image: layer 1/1 sha256:abc\n"), r.out());
        assertTrue(r.out().contains("-----> Starting dynos: web.1 on port 30001\n"), r.out());
        assertTrue(r.out().contains("-----> Health check: web.1 healthy\n"), r.out());
        assertTrue(r.out().contains("-----> Switching traffic: traffic to v1\n"), r.out());
        assertTrue(r.out().contains("Released v1 (Deploy nginx:1.27)\nhttps://my-app.pvdify.test deployed\n"), r.out());
        assertTrue(fake.requests("POST", "/api/v1/apps/my-app/releases").get(0).body()
                .contains("\"image\":\"nginx:1.27\""));
    }

    @Test
    void aFailedDeployShowsTheReasonAndLogLinesAndExits5() {
        CliRun.Result r = cli.run("deploy", "-a", "my-app", "--image", "fail:1");
        assertEquals(ExitCodes.DEPLOY_FAILED, r.code(), r.toString());
        assertTrue(r.err().contains("health check failed"), r.err());
        assertTrue(r.err().contains(" !    web.1: exit 1\n"), r.err());
        assertTrue(r.err().contains("the previous release keeps serving"), r.err());
    }

    @Test
    void deployNeedsAnImage() {
        CliRun.Result r = cli.run("deploy", "my-app");
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("Missing required option: '--image=IMAGE'"), r.err());
    }

    @Test
    void releasesHaveAHerokuHeadingAndJson() throws Exception {
        fake.addRelease("my-app", "nginx:1.26", "current");
        fake.addRelease("my-app", "nginx:1.27", "current");
        fake.addRelease("my-app", "fail:2", "failed");
        CliRun.Result r = cli.run("releases", "my-app");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("=== my-app Releases - Current: v2\n"), r.out());
        assertTrue(r.out().indexOf("v3  ") < r.out().indexOf("v1  "), "newest first: " + r.out());

        List<Release> rs = new ApiJson().read(cli.run("releases", "my-app", "--json", "-n", "2").out(),
                ApiJson.listOf(Release.class));
        assertEquals(List.of(3, 2), rs.stream().map(Release::version).toList());
    }

    @Test
    void releasesInfoTakesVersionsLikeV2AndRejectsGarbage() {
        fake.addRelease("my-app", "nginx:1.26", "current");
        fake.addRelease("my-app", "fail:2", "failed");
        CliRun.Result r = cli.run("releases:info", "my-app", "v2");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("=== Release v2\n"), r.out());
        assertTrue(r.out().contains("=== Failure\nhealth check failed\n"), r.out());
        assertEquals(0, cli.run("releases:info", "-a", "my-app", "1").code());
        assertEquals(ExitCodes.USAGE, cli.run("releases:info", "my-app", "version2").code());
        assertEquals(ExitCodes.NOT_FOUND, cli.run("releases:info", "my-app", "v9").code());
        assertEquals(ExitCodes.USAGE, cli.run("releases:info", "my-app").code());
    }

    @Test
    void rollbackDefaultsToThePreviousAndTakesAVersion() {
        fake.addRelease("my-app", "nginx:1.26", "current");
        fake.addRelease("my-app", "nginx:1.27", "current");
        CliRun.Result r = cli.run("rollback", "my-app");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("Rolling back my-app...\n-----> Starting dynos: web.1 on port 30002\nDone, v3\nRollback to v1\n"), r.out());
        assertEquals("{}", fake.requests("POST", "/api/v1/apps/my-app/rollback").get(0).body());

        CliRun.Result v = cli.run("rollback", "my-app", "v2");
        assertEquals(0, v.code(), v.toString());
        assertEquals("{\"version\":2}", fake.requests("POST", "/api/v1/apps/my-app/rollback").get(1).body());
    }
}
