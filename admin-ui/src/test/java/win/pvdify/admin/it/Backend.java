package win.pvdify.admin.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import win.pvdify.fakes.PodmanService;

/**
 * The pvdifyd the browser test talks to: `java -jar pvdifyd.jar --dev ...` on a free port with its own data dir
 * under target/ and its own Podman service. The flags and the token file are properties so the lead can match
 * the daemon's final CLI without touching this code.
 */
final class Backend implements AutoCloseable {
    /** Per test JVM: other checkouts may run this IT at the same time. */
    private static final Path RUN = Path.of("/run/pvdify-admin-it-" + ProcessHandle.current().pid());
    private static final Pattern TOKEN = Pattern.compile("(?i)token\\S*[:=\\s]+([A-Za-z0-9_.\\-]{20,})");
    private final JarProcess process;
    private final PodmanService podman;
    private final Path data;
    private final String url;
    private final String token;

    /** Whether the browser test can run: the daemon jar is built. */
    static boolean available() {
        return Files.isRegularFile(daemonJar());
    }

    static Path daemonJar() {
        return Path.of(System.getProperty("pvdifyd.jar", "../pvdifyd/target/pvdifyd.jar"));
    }

    private Backend(JarProcess process, PodmanService podman, Path data, String url, String token) {
        this.process = process;
        this.podman = podman;
        this.data = data;
        this.url = url;
        this.token = token;
    }

    static Backend start(Path work) throws Exception {
        Path jar = daemonJar();
        Assumptions.assumeTrue(Files.isRegularFile(jar), "skipped: the browser test needs the real daemon at " + jar
                + " (build pvdifyd first: mvn -pl pvdifyd -am package)");
        int port = JarProcess.freePort();
        Path data = work.resolve("pvdifyd-data");
        JarProcess.deleteTree(data); // each run starts from an empty daemon
        JarProcess.deleteTree(RUN);
        Files.createDirectories(data);
        PodmanService podman = PodmanService.start(RUN.resolve("podman.sock"), work.resolve("podman-service.log"));
        String args = System.getProperty("pvdifyd.args",
                        "--dev --port {port} --data-dir {data} --unit-dir {data}/units --env-dir {run}/env"
                                + " --podman-socket {run}/podman.sock --supervisor podman --port-range 26000-26499 --caddy-admin-url off")
                .replace("{port}", Integer.toString(port)).replace("{data}", data.toString())
                .replace("{run}", RUN.toString());
        JarProcess p;
        try {
            p = JarProcess.start(jar, List.of(args.split("\\s+")), Map.of(), work.resolve("pvdifyd.log"));
        } catch (Exception e) {
            podman.close();
            throw e;
        }
        String url = "http://127.0.0.1:" + port;
        try {
            p.awaitHttp(url + "/health", Duration.ofSeconds(90));
            String token = Optional.ofNullable(System.getProperty("pvdifyd.token")).orElse(null);
            if (token == null) {
                Path file = Path.of(System.getProperty("pvdifyd.token.file", "{data}/admin-token")
                        .replace("{data}", data.toString()));
                if (Files.isRegularFile(file)) {
                    token = Files.readString(file).trim();
                } else {
                    Matcher m = TOKEN.matcher(p.output());
                    if (!m.find()) {
                        throw new IllegalStateException("no admin token in " + file + " nor in " + p.log);
                    }
                    token = m.group(1);
                }
            }
            return new Backend(p, podman, data, url, token);
        } catch (Exception e) {
            p.close();
            podman.close();
            throw e;
        }
    }

    public String url() {
        return url;
    }

    public String token() {
        return token;
    }

    public int port() {
        return java.net.URI.create(url).getPort();
    }

    public String image() {
        return System.getProperty("pvdify.it.image", "localhost/pvdify-test/web:1");
    }

    /** An image that runs but never answers its health check (the daemon waits up to 60 s for it). */
    public String unhealthyImage() {
        return System.getProperty("pvdify.it.unhealthyImage", "localhost/pvdify-test/unhealthy:latest");
    }

    /** Deletes every app through the API (the test may have failed half way), then stops everything. */
    public void close() throws Exception {
        try {
            win.pvdify.api.client.PvdifyClient api = new win.pvdify.api.client.PvdifyClient(url, token);
            for (win.pvdify.api.App app : api.apps()) {
                api.deleteApp(app.name());
            }
        } catch (RuntimeException e) {
            System.err.println("DashboardIT: cleanup through the API failed: " + e.getMessage());
        } finally {
            try {
                process.close();
                // safety net: containers this daemon made (its data dir is their owner label)
                JarProcess.removeContainers("pvdify.owner=" + data.toAbsolutePath().normalize());
            } finally {
                podman.close();
                JarProcess.deleteTree(RUN);
            }
        }
    }
}
