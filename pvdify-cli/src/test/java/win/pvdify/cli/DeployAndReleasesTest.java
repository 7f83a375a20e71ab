package win.pvdify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import win.pvdify.api.DeployRequest;
import win.pvdify.api.ApiJson;
import win.pvdify.api.Release;

class DeployAndReleasesTest extends WithRealDaemon {
    private void deploy(String image) {
        daemon.admin().deploy("my-app", new DeployRequest(image, null));
    }

    @Test
    void deployShowsProgressAndEndsWithReleaseAndUrl() {
        CliRun.Result r = cli.run("deploy", "my-app", "-i", "nginx:1.27");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("-----> Pulling image: pulling\n"), r.out());
        assertTrue(r.out().contains("-----> Starting dynos: web.1 on port 5000\n"), r.out());
        assertTrue(r.out().contains("-----> Health check: healthy\n"), r.out());
        assertTrue(r.out().contains("-----> Switching traffic: traffic to v1\n"), r.out());
        assertTrue(r.out().contains("Released v1 (Deploy nginx:1.27)\nhttp://my-app.pvdify.localhost deployed\n"),
                r.out());
        assertEquals("nginx:1.27", daemon.admin().release("my-app", 1).image());
    }

    @Test
    void aFailedDeployShowsTheReasonAndLogLinesAndExits5() {
        runtime.recording.failingImage = "fail:1";
        runtime.recording.failureLogLines = List.of("web.1: listening on 9999", "web.1: exit 1");
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
        assertTrue(r.err().contains("give either --image IMAGE or --source [DIR]"), r.err());
    }

    @Test
    void releasesHaveAHerokuHeadingAndJson() throws Exception {
        runtime.recording.failingImage = "fail:2";
        deploy("nginx:1.26");
        deploy("nginx:1.27");
        deploy("fail:2");
        CliRun.Result r = cli.run("releases", "my-app");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("=== my-app Releases - Current: v2\n"), r.out());
        assertTrue(r.out().indexOf("v3  ") < r.out().indexOf("v1  "), "newest first: " + r.out());

        List<Release> rs = new ApiJson().read(cli.run("releases", "my-app", "--json", "-n", "2").out(), ApiJson.listOf(Release.class));
        assertEquals(List.of(3, 2), rs.stream().map(Release::version).toList());
    }

    @Test
    void releasesInfoTakesVersionsLikeV2AndRejectsGarbage() {
        runtime.recording.failingImage = "fail:2";
        deploy("nginx:1.26");
        deploy("fail:2");
        CliRun.Result r = cli.run("releases:info", "my-app", "v2");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("=== Release v2\n"), r.out());
        assertTrue(r.out().contains("=== Failure\nhealth check failed"), r.out());
        assertEquals(0, cli.run("releases:info", "-a", "my-app", "1").code());
        assertEquals(ExitCodes.USAGE, cli.run("releases:info", "my-app", "version2").code());
        assertEquals(ExitCodes.NOT_FOUND, cli.run("releases:info", "my-app", "v9").code());
        assertEquals(ExitCodes.USAGE, cli.run("releases:info", "my-app").code());
    }

    @Test
    void rollbackDefaultsToThePreviousAndTakesAVersion() {
        deploy("nginx:1.26");
        deploy("nginx:1.27");
        CliRun.Result r = cli.run("rollback", "my-app");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("Rolling back my-app...\n-----> Pulling image: Pulling nginx:1.26"), r.out());
        assertTrue(r.out().contains("\n-----> Creating release: Release v3 recorded: Rollback to v1\n"), r.out());
        assertTrue(r.out().endsWith("Done, v3\nRollback to v1\n"), r.out());
        assertEquals("nginx:1.26", daemon.admin().release("my-app", 3).image());

        CliRun.Result v = cli.run("rollback", "my-app", "v2");
        assertEquals(0, v.code(), v.toString());
        assertEquals("nginx:1.27", daemon.admin().release("my-app", 4).image());
    }
}
