package win.pvdify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import win.pvdify.api.ApiJson;
import win.pvdify.api.Operation;

/** Commands that start operations follow them; operations, operations:info, :wait and :cancel. */
class OperationsCommandsTest extends WithFakeApi {
    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met in 10 s");
            }
            Thread.sleep(10);
        }
    }

    @Test
    void deployFollowsItsOperation() {
        CliRun.Result r = cli.run("deploy", "my-app", "-i", "nginx:1.27");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("Deploying nginx:1.27 to my-app (operation 1)...\n"
                + "-----> Pulling image: layer 1/1 sha256:abc\n"), r.out());
        assertEquals(1, fake.requests("GET", "/api/v1/operations/1/events").size());
    }

    @Test
    void aDroppedStreamIsReattachedAndNoLineIsMissedOrRepeated() {
        fake.eventCuts.addAll(List.of(2, 0, 1)); // drops after 2 events, then at once, then after 1 more
        CliRun.Result r = cli.run("deploy", "my-app", "-i", "nginx:1.27");
        assertEquals(0, r.code(), r.toString());
        assertEquals("Deploying nginx:1.27 to my-app (operation 1)...\n"
                + "-----> Pulling image: layer 1/1 sha256:abc\n"
                + "-----> Starting dynos: web.1 on port 30001\n"
                + "-----> Health check: web.1 healthy\n"
                + "-----> Switching traffic: traffic to v1\n"
                + "Released v1 (Deploy nginx:1.27)\nhttps://my-app.pvdify.test deployed\n", r.out());
        assertEquals(4, fake.requests("GET", "/api/v1/operations/1/events").size());
    }

    @Test
    void detachReturnsAtOnceWithTheIdAndWaitFollowsLater() {
        CliRun.Result r = cli.run("deploy", "my-app", "-i", "nginx:1.27", "--detach");
        assertEquals(0, r.code(), r.toString());
        assertEquals("Operation 1 queued: Deploy nginx:1.27\nFollow it with: pvdify operations:wait 1\n", r.out());
        assertTrue(fake.requests("GET", "/api/v1/operations").isEmpty());

        CliRun.Result w = cli.run("operations:wait", "1");
        assertEquals(0, w.code(), w.toString());
        assertTrue(w.out().startsWith("Following operation 1 (Deploy nginx:1.27, succeeded)...\n"
                + "-----> Pulling image: layer 1/1 sha256:abc\n"), w.out());
        assertTrue(w.out().endsWith("Done, v1\n"), w.out());

        cli.run("deploy", "my-app", "-i", "fail:1", "--detach");
        CliRun.Result failed = cli.run("operations:wait", "2");
        assertEquals(ExitCodes.DEPLOY_FAILED, failed.code(), failed.toString());
        assertTrue(failed.err().contains(" !    web.1: exit 1\n"), failed.err());
        assertEquals(ExitCodes.NOT_FOUND, cli.run("operations:wait", "99").code());
        assertEquals(ExitCodes.USAGE, cli.run("operations:wait", "latest").code());
    }

    @Test
    void ctrlCDetachesAndSaysHowToFollowAgain() throws Exception {
        CliRun.FakeTerminal terminal = new CliRun.FakeTerminal(false);
        cli.terminal = terminal;
        CompletableFuture<CliRun.Result> run = CompletableFuture.supplyAsync(
                () -> cli.run("deploy", "my-app", "-i", "slow:1"));
        await(() -> fake.openStreams.get() == 1 && terminal.interrupt != null);
        terminal.interrupt.run(); // what the shutdown hook does on SIGINT
        CliRun.Result r = run.get();
        assertEquals(ExitCodes.INTERRUPTED, r.code(), r.toString());
        assertTrue(r.err().contains("Detached from operation 1 (deploy my-app); it keeps running."), r.err());
        assertTrue(r.err().contains("Follow it again with: pvdify operations:wait 1\n"), r.err());
        assertEquals("running", fake.operations.get(1L).state(), "the operation goes on");
    }

    @Test
    void aCancelledOperationExits7AndCancellingAnEndedOneIs409() throws Exception {
        CompletableFuture<CliRun.Result> run = CompletableFuture.supplyAsync(
                () -> cli.run("deploy", "my-app", "-i", "slow:1"));
        await(() -> fake.openStreams.get() == 1);
        CliRun.Result cancel = cli.run("operations:cancel", "1");
        assertEquals(0, cancel.code(), cancel.toString());
        assertEquals("Cancelled operation 1 (Deploy slow:1).\n", cancel.out());
        fake.release.countDown(); // the held stream ends; the follower re-attaches and sees "cancelled"
        CliRun.Result r = run.get();
        assertEquals(ExitCodes.CANCELLED, r.code(), r.toString());
        assertTrue(r.out().contains("-----> Cancelled: cancelled by admin\n"), r.out());
        assertTrue(r.err().contains("Operation 1 (Deploy slow:1) was cancelled: cancelled by admin"), r.err());
        assertTrue(r.err().contains("The previous release keeps serving."), r.err());

        CliRun.Result again = cli.run("operations:cancel", "1");
        assertEquals(ExitCodes.ERROR, again.code(), again.toString());
        assertTrue(again.err().contains("operation 1 has ended (cancelled)"), again.err());
    }

    @Test
    void operationsListsNewestFirstAndInfoShowsOne() throws Exception {
        cli.run("deploy", "my-app", "-i", "nginx:1.27");
        cli.run("config:set", "my-app", "A=1");
        CliRun.Result r = cli.run("operations", "-a", "my-app");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("=== my-app Operations\n"), r.out());
        assertTrue(r.out().indexOf("Set config vars") < r.out().indexOf("Deploy nginx:1.27"), r.out());
        List<Operation> ops = new ApiJson().read(cli.run("operations", "my-app", "--json", "-n", "5").out(),
                ApiJson.listOf(Operation.class));
        assertEquals(List.of("config", "deploy"), ops.stream().map(Operation::kind).toList());
        assertTrue(fake.requests("GET", "/api/v1/apps/my-app/operations").get(1).query().contains("limit=5"));

        CliRun.Result info = cli.run("operations:info", "1");
        assertEquals(0, info.code(), info.toString());
        assertTrue(info.out().startsWith("=== Operation 1\n"), info.out());
        assertTrue(info.out().contains("State:       succeeded\n"), info.out());
        assertEquals(ExitCodes.NOT_FOUND, cli.run("operations:info", "7").code());
    }

    @Test
    void everyChangeFollowsItsOperationAndAFailedOneExits1() {
        assertEquals(0, cli.run("domains:add", "my-app", "www.example.com").code());
        assertEquals(0, cli.run("domains:remove", "my-app", "www.example.com").code());
        assertEquals(0, cli.run("ps:restart", "my-app").code());
        CliRun.Result failed = cli.run("ps:restart", "my-app", "clock");
        assertEquals(ExitCodes.ERROR, failed.code(), failed.toString());
        assertTrue(failed.err().contains("no dynos of type clock"), failed.err());
        CliRun.Result delete = cli.run("apps:delete", "my-app", "--confirm", "my-app");
        assertEquals(0, delete.code(), delete.toString());
        assertTrue(delete.out().contains("Deleting my-app...\n-----> Removing: dynos, routes and env files removed\n"
                + "Done\n"), delete.out());
        assertEquals(5, fake.operations.size());
        assertFalse(fake.requests("GET", "/api/v1/operations/5/events").isEmpty());
    }
}
