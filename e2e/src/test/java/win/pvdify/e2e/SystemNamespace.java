package win.pvdify.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real systemd booted by scripts/sysns.sh as PID 1 of a private PID+mount namespace (the network stays the
 * host's), with Podman's socket unit started and the test images built into its storage. halt()/boot() are a
 * host reboot (units, enablement and images survive; /run does not). close() removes every trace.
 */
final class SystemNamespace implements AutoCloseable {
    private final String name;
    private long pid;
    private final Thread cleanup = new Thread(this::close, "sysns-cleanup");

    private SystemNamespace(String name) {
        this.name = name;
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    static SystemNamespace start(String name) {
        Cmd.run(List.of(Repo.script("sysns.sh"), "stop", name)); // leftovers of an aborted run
        SystemNamespace ns = new SystemNamespace(name);
        try {
            ns.boot();
            Cmd.ok(Repo.script("test-images.sh"), Repo.script("sysns.sh"), "exec", name, "podman");
        } catch (RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    /** Boots (again): systemd, then Podman's API socket at /run/podman/podman.sock inside. */
    void boot() {
        String out = Cmd.ok(Repo.script("sysns.sh"), "start", name).strip();
        pid = Long.parseLong(out.substring(out.lastIndexOf('\n') + 1).strip());
        Cmd.ok(exec("systemctl", "start", "podman.socket"));
    }

    /** Powers off the namespace's systemd (like a host shutdown): every unit stops, state is kept. */
    void halt() {
        Cmd.ok(Repo.script("sysns.sh"), "halt", name);
    }

    long pid() {
        return pid;
    }

    /** The namespace's file system seen from the host. */
    Path root() {
        return Path.of("/proc/" + pid + "/root");
    }

    /** The namespace's view of a path, reachable from the host. */
    Path inside(String absolutePath) {
        return root().resolve(absolutePath.substring(1));
    }

    /** argv that runs cmd inside the namespace. */
    List<String> exec(String... cmd) {
        List<String> all = new ArrayList<>(List.of("nsenter", "-t", Long.toString(pid), "-m", "-p"));
        all.addAll(List.of(cmd));
        return all;
    }

    List<String> prefix() {
        return List.of("nsenter", "-t", Long.toString(pid), "-m", "-p");
    }

    Cmd.Result run(String... cmd) {
        return Cmd.run(exec(cmd));
    }

    @Override
    public void close() {
        Cmd.run(List.of(Repo.script("sysns.sh"), "stop", name));
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException | IllegalArgumentException ignored) {
            // already shutting down, or called from the hook itself
        }
    }
}
