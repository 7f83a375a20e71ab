package win.pvdify.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import win.pvdify.RecordingRuntime;
import win.pvdify.TestDaemon;
import win.pvdify.api.CreateApp;
import win.pvdify.api.CreateToken;
import win.pvdify.api.client.PvdifyClient;
import win.pvdify.logs.HerokuLogReader;
import win.pvdify.logs.JournaldLogSource;
import win.pvdify.systemd.Journalctl;
import win.pvdify.systemd.ProcessRunner;

/**
 * Issue 17, item 5: 500 followed logs of a quiet app, whose clients then leave without a word. Before
 * heartbeats nothing was ever written to them, so the daemon never noticed: each kept two platform threads and
 * a `journalctl -f` forever. Now the heartbeat's write fails, every follow ends, and the daemon's threads and
 * children are back to where they were. The first 100 follows run the real journalctl (JournaldLogSource as
 * on a systemd host); each journalctl -f takes an inotify instance and the kernel allows 128 per user
 * (fs.inotify.max_user_instances), so the other 400 run the same JournaldLogSource over a stand-in child that
 * is just as quiet (`cat` of a pipe nobody writes to).
 */
class FollowLeakTest {
    private static final int FOLLOWS = 500;
    private static final int PER_TOKEN = 10;
    private static final int REAL_JOURNALCTLS = 100; // the default max_follows_per_token: 50 tokens hold 500 follows

    @Test
    void droppedQuietFollowsGiveBackTheirThreadsAndJournalctls() throws Exception {
        try (TestDaemon t = new TestDaemon(b -> b.logPollMillis(500).logHeartbeat(Duration.ofMillis(500))
                .runtime(p -> {
                    RecordingRuntime r = new RecordingRuntime(p.ledger());
                    var journal = new HerokuLogReader(new JournaldLogSource(new Journalctl(ProcessRunner.direct())));
                    var quietChild = new HerokuLogReader(new JournaldLogSource(new Journalctl(
                            new ProcessRunner(List.of("sh", "-c", "exec cat", "quiet-journalctl")))));
                    AtomicInteger started = new AtomicInteger();
                    r.follower = (app, lines, process, follow, sink) ->
                            (started.getAndIncrement() < REAL_JOURNALCTLS ? journal : quietChild)
                                    .read(app, lines, process, follow, sink);
                    return r;
                }))) {
            PvdifyClient admin = t.admin();
            admin.createApp(new CreateApp("quiet", null));
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < FOLLOWS / PER_TOKEN; i++) {
                tokens.add(admin.createToken(new CreateToken("deploy", "quiet", "t" + i)).secret());
            }
            IntSupplier threads = () -> ManagementFactory.getThreadMXBean().getThreadCount();
            IntSupplier journalctls = () -> (int) ProcessHandle.current().descendants()
                    .filter(p -> p.info().command().orElse("").endsWith("journalctl")
                            || p.info().command().orElse("").endsWith("/cat")).count();
            TokenHardeningTest.waitFor(() -> journalctls.getAsInt() == 0, "no journalctl of earlier tests");
            int baseline = threads.getAsInt();

            URI base = URI.create(t.daemon.baseUrl());
            List<Socket> clients = new ArrayList<>();
            for (int i = 0; i < FOLLOWS; i++) {
                clients.add(follow(base, tokens.get(i / PER_TOKEN)));
            }
            TokenHardeningTest.waitFor(() -> t.daemon.streams().follows() == FOLLOWS, "500 follows open");
            waitLong(() -> journalctls.getAsInt() == FOLLOWS, "500 journalctl -f (or stand-ins) running (now "
                    + journalctls.getAsInt() + ", commands " + ProcessHandle.current().descendants()
                    .map(p -> p.info().command().orElse("?")).distinct().toList() + ")");
            int open = threads.getAsInt();
            System.out.println("FollowLeakTest: platform threads " + baseline + " before, " + open + " with "
                    + FOLLOWS + " follows open, " + journalctls.getAsInt() + " journalctl children");
            assertTrue(open >= baseline + FOLLOWS, "each follow holds threads: " + open + " vs " + baseline);

            // one more by a token that holds its 10 already: refused
            try (Socket extra = new Socket(base.getHost(), base.getPort())) {
                assertEquals(429, request(extra, base, tokens.getFirst()));
            }

            // the clients leave quietly: no request, no error, just gone
            for (Socket s : clients) {
                s.close();
            }
            long dropped = System.nanoTime();
            TokenHardeningTest.waitFor(() -> t.daemon.streams().follows() == 0, "every follow noticed its client left");
            long noticed = Duration.ofNanos(System.nanoTime() - dropped).toMillis();
            TokenHardeningTest.waitFor(() -> journalctls.getAsInt() == 0, "every journalctl -f (and stand-in) ended");
            // idle process-reaper threads of the JDK linger up to 60 s after their process ended
            waitLong(() -> threads.getAsInt() <= baseline + 5, "platform threads back to the baseline "
                    + baseline + " (now " + threads.getAsInt() + ")");
            System.out.println("FollowLeakTest: all " + FOLLOWS + " follows ended " + noticed
                    + " ms after their clients left; "
                    + "threads " + threads.getAsInt() + " (baseline " + baseline + "), journalctl children "
                    + journalctls.getAsInt());
        }
    }

    /** Opens a follow and reads its status line and headers (the history follows; then it is quiet). */
    private static Socket follow(URI base, String token) throws IOException {
        Socket s = new Socket(base.getHost(), base.getPort());
        int status = request(s, base, token);
        if (status != 200) {
            s.close();
            throw new AssertionError("follow answered " + status);
        }
        return s;
    }

    private static int request(Socket s, URI base, String token) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(("GET /api/v1/apps/quiet/logs?follow=true&lines=1 HTTP/1.1\r\nHost: " + base.getHost() + ":"
                + base.getPort() + "\r\nAuthorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            head.append((char) c);
        }
        return Integer.parseInt(head.substring(9, 12));
    }

    private static void waitLong(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(200);
        }
    }
}
