package win.pvdify.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where things are: the repository, its scripts, the built jar, this module's work dir (under target/). */
final class Repo {
    private Repo() {
    }

    static Path root() {
        String prop = System.getProperty("repo.root");
        Path start = prop != null ? Path.of(prop) : Path.of("").toAbsolutePath();
        for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("scripts/sysns.sh")) || Files.exists(p.resolve("Caddyfile.example"))) {
                return p;
            }
        }
        throw new IllegalStateException("repository root not found from " + start);
    }

    static String script(String name) {
        Path s = root().resolve("scripts").resolve(name);
        if (!Files.isExecutable(s)) {
            throw new IllegalStateException("missing script " + s);
        }
        return s.toString();
    }

    /** The packaged daemon; a clear failure when the reactor did not build it. */
    static Path pvdifydJar() {
        Path jar = Path.of(System.getProperty("pvdifyd.jar", root().resolve("pvdifyd/target/pvdifyd.jar").toString()));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (mvn -pl pvdifyd -am package, or the"
                    + " whole reactor: e2e runs after pvdifyd)");
        }
        return jar.toAbsolutePath();
    }

    /** A fresh directory for one test class under e2e/target (never /tmp: a namespace systemd may wipe it). */
    static Path workDir(String name) {
        Path base = Path.of(System.getProperty("e2e.work", "target/e2e")).toAbsolutePath();
        Path dir = base.resolve(name);
        try {
            Cmd.run(java.util.List.of("rm", "-rf", dir.toString()));
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
