package win.pvdify.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real systemd booted by scripts/sysns.sh in a private PID+mount namespace for one test class, with the
 * test images built into its own Podman storage. close() powers it off and removes every trace.
 */
public final class SystemdNamespace implements AutoCloseable {
    private final String name;
    private final long pid;

    private SystemdNamespace(String name, long pid) {
        this.name = name;
        this.pid = pid;
    }

    public static SystemdNamespace start(String name) {
        String sysns = Repo.script("sysns.sh");
        Cmd.run(List.of(sysns, "stop", name)); // leftovers of an aborted run
        String out = Cmd.ok(sysns, "start", name).strip();
        long pid = Long.parseLong(out.substring(out.lastIndexOf('\n') + 1).strip());
        var ns = new SystemdNamespace(name, pid);
        try {
            Cmd.ok(Repo.script("test-images.sh"), sysns, "exec", name, "podman");
        } catch (RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    public long pid() {
        return pid;
    }

    /** The namespace's file system as seen from the host. */
    public Path root() {
        return Path.of("/proc/" + pid + "/root");
    }

    /** The prefix that runs a command inside. */
    public List<String> prefix() {
        return List.of("nsenter", "-t", Long.toString(pid), "-m", "-p");
    }

    public Cmd.Result exec(String... cmd) {
        List<String> all = new ArrayList<>(prefix());
        all.addAll(List.of(cmd));
        return Cmd.run(all);
    }

    @Override
    public void close() {
        Cmd.run(List.of(Repo.script("sysns.sh"), "stop", name));
    }
}
