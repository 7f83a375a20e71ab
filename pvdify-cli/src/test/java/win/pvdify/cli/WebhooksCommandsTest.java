package win.pvdify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import win.pvdify.api.ApiJson;
import win.pvdify.api.Webhook;

/** webhooks:* against the real daemon, delivering to a real HTTP receiver on loopback. */
class WebhooksCommandsTest extends WithRealDaemon {
    @Test
    void addDeployListDeliveriesRemove() throws Exception {
        BlockingQueue<String> bodies = new LinkedBlockingQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", ex -> {
            bodies.add(ex.getRequestHeaders().getFirst("Pvdify-Signature") + " "
                    + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receiver.start();
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/secret-path";
            CliRun.Result add = cli.run("webhooks:add", "my-app", url, "--include", "release,operation",
                    "--secret", "cli-webhook-secret", "--json");
            assertEquals(0, add.code(), add.toString());
            Webhook w = new ApiJson().read(add.out(), Webhook.class);
            assertEquals(java.util.List.of("release", "operation"), w.include());
            assertFalse(add.out().contains("secret-path"), add.out());

            assertEquals(0, cli.run("deploy", "my-app", "-i", "nginx:1.27").code());
            String got = bodies.poll(20, TimeUnit.SECONDS);
            assertNotNull(got, "no delivery");
            assertTrue(got.startsWith("t=" + T0.getEpochSecond() + ",v1="), got);
            assertTrue(got.contains("\"event\":\"release\""), got);

            CliRun.Result list = cli.run("webhooks", "my-app");
            assertEquals(0, list.code(), list.toString());
            assertTrue(list.out().contains(w.id()) && list.out().contains("release,operation")
                    && list.out().contains("/..."), list.out());

            CliRun.Result log = null;
            for (int i = 0; i < 100; i++) { // the row is written just after the receiver answered
                log = cli.run("webhooks:deliveries", "my-app", w.id());
                if (log.out().contains("delivered")) {
                    break;
                }
                Thread.sleep(100);
            }
            assertTrue(log.out().contains("release") && log.out().contains("delivered")
                    && log.out().contains("204"), log.out());

            CliRun.Result bad = cli.run("webhooks:add", "my-app", "ftp://example.com/");
            assertEquals(ExitCodes.ERROR, bad.code(), bad.toString());
            assertTrue(bad.err().contains("http:// or https://"), bad.err());
            CliRun.Result secret = cli.run("webhooks:add", "my-app", "https://example.com/", "--secret", "short");
            assertTrue(secret.err().contains("secret must be 8 to 256"), secret.err());
            assertEquals(ExitCodes.USAGE, cli.run("webhooks:add", "my-app", "https://example.com/", "--include",
                    ",").code());

            assertEquals(0, cli.run("webhooks:remove", "my-app", w.id()).code());
            assertEquals(ExitCodes.NOT_FOUND, cli.run("webhooks:remove", "my-app", w.id()).code());
            assertTrue(cli.run("webhooks", "my-app").out().contains("No webhooks."));
        } finally {
            receiver.stop(0);
        }
    }
}
