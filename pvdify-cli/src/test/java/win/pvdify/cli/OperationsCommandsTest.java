package win.pvdify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import win.pvdify.api.ApiJson;
import win.pvdify.api.Operation;
import win.pvdify.fakes.CuttingProxy;

/**
 * Commands that start operations follow them, against the real daemon (recording runtime): progress, re-attach
 * after a dropped stream, --detach, Ctrl-C; and operations, operations:info, :wait and :cancel.
 */
class OperationsCommandsTest extends WithRealDaemon {
    private static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met in 10 s");
            }
            Thread.sleep(10);
        }
    }

    private Operation latest() {
        return daemon.admin().operations("my-app", 1).get(0);
    }

    /** The progress lines of a run: what a re-attach must neither lose nor repeat. */
    private static List<String> progress(String out) {
        return out.lines().filter(l -> l.startsWith("-----> ")).toList();
    }

    @Test
    void deployFollowsItsOperationToTheRelease() {
        CliRun.Result r = cli.run("deploy", "my-app", "-i", "nginx:1.27");
        assertEquals(0, r.code(), r.toString());
        long id = latest().id();
        assertTrue(r.out().startsWith("Deploying nginx:1.27 to my-app (operation " + id + ")...\n"), r.out());
        assertTrue(r.out().contains("-----> Pulling image: pulling\n"), r.out());
        assertTrue(r.out().contains("-----> Health check: healthy\n"), r.out());
        assertTrue(r.out().contains("Released v1 (Deploy nginx:1.27)\n"), r.out());
        assertEquals("deploy my-app v1", runtime.recording.calls.get(0));
    }

    @Test
    void aDroppedStreamIsReattachedAndNoLineIsMissedOrRepeated() throws Exception {
        CliRun.Result whole = cli.run("deploy", "my-app", "-i", "nginx:1.27");
        assertEquals(0, whole.code(), whole.toString());
        // the same deploy again, its event stream cut twice a little way into the events
        try (CuttingProxy proxy = new CuttingProxy(daemon.daemon.port(), "/events", 420, 2)) {
            CliRun.Result r = cliAt(proxy.url()).run("deploy", "my-app", "-i", "nginx:1.27");
            assertEquals(0, r.code(), r.toString());
            assertEquals(2, proxy.cut(), proxy.seen.toString());
            assertTrue(proxy.seen.get(1).endsWith("last-event-id=" + lastIdOf(proxy.seen.get(1))), proxy.seen.toString());
            assertTrue(!proxy.seen.get(2).endsWith("last-event-id=-"), "re-attached from an event: " + proxy.seen);
            assertEquals(progress(whole.out()).stream().map(l -> l.replace("v1", "v2")).toList(),
                    progress(r.out()), "every line once, in order:\n" + r.out());
            assertTrue(r.out().contains("Released v2"), r.out());
        }
    }

    private static String lastIdOf(String seen) {
        return seen.substring(seen.lastIndexOf('=') + 1);
    }

    @Test
    void detachReturnsAtOnceAndWaitFollowsLater() throws Exception {
        CliRun.Result r = cli.run("deploy", "my-app", "-i", "slow:1", "--detach");
        assertEquals(0, r.code(), r.toString());
        long id = latest().id();
        assertTrue(r.out().matches("Operation " + id + " (queued|running): Deploy slow:1\n"
                + "Follow it with: pvdify operations:wait " + id + "\n"), r.out());
        CompletableFuture<CliRun.Result> wait = CompletableFuture.supplyAsync(
                () -> cli.run("operations:wait", String.valueOf(id)));
        runtime.open.countDown();
        CliRun.Result w = wait.get();
        assertEquals(0, w.code(), w.toString());
        assertTrue(w.out().startsWith("Following operation " + id + " (Deploy slow:1, "), w.out());
        assertTrue(w.out().contains("-----> Health check: waiting for web.1\n"), w.out());
        assertTrue(w.out().endsWith("Done, v1\n"), w.out());

        runtime.recording.failingImage = "fail:1";
        cli.run("deploy", "my-app", "-i", "fail:1", "--detach");
        CliRun.Result failed = cli.run("operations:wait", String.valueOf(latest().id()));
        assertEquals(ExitCodes.DEPLOY_FAILED, failed.code(), failed.toString());
        assertTrue(failed.err().contains("health check failed: port 5000 never answered"), failed.err());
        assertEquals(ExitCodes.NOT_FOUND, cli.run("operations:wait", "9999").code());
        assertEquals(ExitCodes.USAGE, cli.run("operations:wait", "latest").code());
    }

    @Test
    void ctrlCDetachesAndTheOperationGoesOn() throws Exception {
        CliRun.FakeTerminal terminal = new CliRun.FakeTerminal(false);
        cli.terminal = terminal;
        CompletableFuture<CliRun.Result> run = CompletableFuture.supplyAsync(
                () -> cli.run("deploy", "my-app", "-i", "slow:1"));
        await(() -> terminal.interrupt != null && !daemon.admin().operations("my-app", 1).isEmpty()
                && "running".equals(latest().state()));
        terminal.interrupt.run(); // what the shutdown hook does on SIGINT
        long id = latest().id();
        assertEquals("running", latest().state(), "the operation goes on");
        runtime.open.countDown(); // the deploy ends on the server; the detached CLI has stopped reading
        CliRun.Result r = run.get();
        assertEquals(ExitCodes.INTERRUPTED, r.code(), r.toString());
        assertTrue(r.err().contains("Detached from operation " + id + " (deploy my-app); it keeps running."), r.err());
        assertTrue(r.err().contains("Follow it again with: pvdify operations:wait " + id + "\n"), r.err());
        assertTrue(!r.out().contains("Released"), r.out());
        CliRun.Result w = cli.run("operations:wait", String.valueOf(id));
        assertEquals(0, w.code(), w.toString());
        assertEquals("succeeded", latest().state());
    }

    @Test
    void aCancelledDeployExits7AndCancellingAnEndedOneIsRefused() throws Exception {
        cli.run("deploy", "my-app", "-i", "nginx:1.27");
        CompletableFuture<CliRun.Result> run = CompletableFuture.supplyAsync(
                () -> cli.run("deploy", "my-app", "-i", "slow:1"));
        await(() -> "running".equals(latest().state()) && latest().description().contains("slow"));
        long id = latest().id();
        CliRun.Result cancel = cli.run("operations:cancel", String.valueOf(id));
        assertEquals(0, cancel.code(), cancel.toString());
        assertTrue(cancel.out().contains("operation " + id + " (Deploy slow:1)"), cancel.out());
        CliRun.Result r = run.get();
        assertEquals(ExitCodes.CANCELLED, r.code(), r.toString());
        assertTrue(r.err().contains("Operation " + id + " (Deploy slow:1) was cancelled"), r.err());
        assertTrue(r.err().contains("The previous release keeps serving."), r.err());
        assertEquals(1, daemon.admin().app("my-app").currentRelease());

        CliRun.Result again = cli.run("operations:cancel", String.valueOf(id));
        assertEquals(ExitCodes.ERROR, again.code(), again.toString());
    }

    @Test
    void operationsListsNewestFirstAndInfoShowsOne() throws Exception {
        assertEquals(0, cli.run("deploy", "my-app", "-i", "nginx:1.27").code());
        CliRun.Result set = cli.run("config:set", "my-app", "A=1");
        assertEquals(0, set.code(), set.toString());
        assertTrue(set.out().startsWith("Setting A and restarting my-app..."), set.out());
        assertTrue(set.out().endsWith("one, v2\n"), set.out());
        CliRun.Result r = cli.run("operations", "-a", "my-app");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("=== my-app Operations\n"), r.out());
        assertTrue(r.out().indexOf("config") < r.out().indexOf("Deploy nginx:1.27"), r.out());
        List<Operation> ops = new ApiJson().read(cli.run("operations", "my-app", "--json", "-n", "5").out(),
                ApiJson.listOf(Operation.class));
        assertEquals(List.of("config", "deploy"), ops.stream().map(Operation::kind).toList());

        CliRun.Result info = cli.run("operations:info", String.valueOf(ops.get(1).id()));
        assertEquals(0, info.code(), info.toString());
        assertTrue(info.out().startsWith("=== Operation " + ops.get(1).id() + "\n"), info.out());
        assertTrue(info.out().contains("succeeded"), info.out());
        assertEquals(ExitCodes.NOT_FOUND, cli.run("operations:info", "9999").code());
    }

    @Test
    void everyChangeFollowsItsOperation() {
        assertEquals(0, cli.run("deploy", "my-app", "-i", "nginx:1.27").code());
        CliRun.Result add = cli.run("domains:add", "my-app", "www.example.com");
        assertEquals(0, add.code(), add.toString());
        assertEquals(0, cli.run("domains:remove", "my-app", "www.example.com").code());
        assertEquals(0, cli.run("ps:scale", "my-app", "web=2").code());
        assertEquals(0, cli.run("ps:restart", "my-app").code());
        assertEquals(0, cli.run("rollback", "my-app", "v1").code());
        CliRun.Result delete = cli.run("apps:delete", "my-app", "--confirm", "my-app");
        assertEquals(0, delete.code(), delete.toString());
        assertTrue(delete.out().startsWith("Deleting my-app...\n"), delete.out());
        assertTrue(runtime.recording.calls.contains("remove my-app"), runtime.recording.calls.toString());
    }

    @Test
    void forceDeleteWarnsAndKillsAtOnce() {
        assertEquals(0, cli.run("deploy", "my-app", "-i", "nginx:1.27").code());
        CliRun.Result delete = cli.run("apps:delete", "my-app", "--confirm", "my-app", "--force");
        assertEquals(0, delete.code(), delete.toString());
        assertTrue(delete.err().contains("requests in flight drop"), delete.err());
        assertTrue(runtime.recording.calls.contains("force-remove my-app"), runtime.recording.calls.toString());
    }

    @Test
    void psStopForceWarnsAndReachesTheRuntime() {
        assertEquals(0, cli.run("deploy", "my-app", "-i", "nginx:1.27").code());
        CliRun.Result stop = cli.run("ps:stop", "my-app", "web.1", "--force");
        assertEquals(0, stop.code(), stop.toString());
        assertTrue(stop.err().contains("requests in flight drop"), stop.err());
        assertEquals(0, cli.run("ps:stop", "-a", "my-app", "web").code());
        assertTrue(runtime.recording.calls.contains("stop my-app web.1 force"), runtime.recording.calls.toString());
        assertTrue(runtime.recording.calls.contains("stop my-app web"), runtime.recording.calls.toString());
        assertEquals(ExitCodes.USAGE, cli.run("ps:stop", "my-app", "web.0").code());
        assertEquals(ExitCodes.USAGE, cli.run("ps:stop", "my-app", "Web.1;rm").code());
        assertEquals(ExitCodes.NOT_FOUND, cli.run("ps:stop", "my-app", "clock.1").code());
    }
}
