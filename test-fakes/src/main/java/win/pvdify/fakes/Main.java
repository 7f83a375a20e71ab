package win.pvdify.fakes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * java -jar test-fakes.jar cloudflare --port P --token T [--zone example.com]...
 *     runs FakeCloudflare until killed; prints "base-url http://127.0.0.1:P/client/v4" and one "zone NAME ID" line
 *     per zone, then "ready". GET /__fake/calls and /__fake/records show what it saw.
 * java -jar test-fakes.jar caddy --http P --admin A --domain paas.test --dir DIR [--api HOST:PORT] [--dashboard HOST:PORT]
 *     runs a real caddy from Caddyfile.example (found above the working directory, or --caddyfile FILE) on
 *     127.0.0.1:P (plain HTTP), admin on 127.0.0.1:A, state and log in DIR; prints "server srv0", "ready".
 * java -jar test-fakes.jar load --port P --host H [--path /] [--threads 4] [--seconds 10] [--expect 200]
 *     runs a LoadProbe against 127.0.0.1:P and prints its summary; exit 1 when any request failed.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length == 0) {
            usage();
            return;
        }
        Map<String, List<String>> opts = options(args);
        switch (args[0]) {
            case "cloudflare" -> cloudflare(opts);
            case "load" -> System.exit(load(opts));
            case "caddy" -> caddy(opts);
            default -> usage();
        }
    }

    private static void cloudflare(Map<String, List<String>> opts) throws InterruptedException {
        FakeCloudflare fake = new FakeCloudflare(one(opts, "token", "test-token"))
                .start(Integer.parseInt(one(opts, "port", "0")));
        System.out.println("base-url " + fake.baseUrl());
        for (String zone : opts.getOrDefault("zone", List.of())) {
            System.out.println("zone " + zone + " " + fake.addZone(zone));
        }
        System.out.println("ready");
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(fake::close));
        new CountDownLatch(1).await();
    }

    private static void caddy(Map<String, List<String>> opts) throws InterruptedException {
        String file = one(opts, "caddyfile", "");
        CaddyProcess.Options o = new CaddyProcess.Options(java.nio.file.Path.of(one(opts, "dir", null)),
                file.isEmpty() ? CaddyProcess.findCaddyfileExample() : java.nio.file.Path.of(file),
                Integer.parseInt(one(opts, "http", null)), Integer.parseInt(one(opts, "admin", null)),
                one(opts, "domain", "paas.test"), opts.containsKey("api") ? one(opts, "api", null) : null,
                opts.containsKey("dashboard") ? one(opts, "dashboard", null) : null, null);
        CaddyProcess caddy = new CaddyProcess(o).start();
        Runtime.getRuntime().addShutdownHook(new Thread(caddy::close));
        System.out.println("server " + caddy.serverName());
        System.out.println("ready");
        System.out.flush();
        new CountDownLatch(1).await();
    }

    private static int load(Map<String, List<String>> opts) {
        int expect = Integer.parseInt(one(opts, "expect", "200"));
        LoadProbe.Options o = new LoadProbe.Options(Integer.parseInt(one(opts, "port", null)), one(opts, "host",
                "localhost"), one(opts, "path", "/"), Integer.parseInt(one(opts, "threads", "4")),
                Duration.ofSeconds(Long.parseLong(one(opts, "seconds", "10"))), 0);
        LoadReport report = LoadProbe.start(o).awaitEnd();
        System.out.print(report.summary(expect));
        return report.errors(expect).isEmpty() ? 0 : 1;
    }

    private static Map<String, List<String>> options(String[] args) {
        Map<String, List<String>> out = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            out.computeIfAbsent(args[i].substring(2), k -> new ArrayList<>()).add(args[i + 1]);
        }
        return out;
    }

    private static String one(Map<String, List<String>> opts, String name, String fallback) {
        List<String> values = opts.get(name);
        if (values == null || values.isEmpty()) {
            if (fallback == null) {
                throw new IllegalArgumentException("--" + name + " is required");
            }
            return fallback;
        }
        return values.getLast();
    }

    private static void usage() {
        System.err.println("usage: test-fakes cloudflare --port P --token T [--zone NAME]...\n"
                + "       test-fakes caddy --http P --admin A --dir DIR [--domain D] [--api H:P] [--dashboard H:P]\n"
                + "       test-fakes load --port P --host H [--path /] [--threads 4] [--seconds 10] [--expect 200]");
        System.exit(2);
    }
}
