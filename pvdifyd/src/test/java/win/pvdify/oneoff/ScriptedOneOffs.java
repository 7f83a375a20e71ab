package win.pvdify.oneoff;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import win.pvdify.container.ContainerSpec;
import win.pvdify.container.LogDriver;
import win.pvdify.container.RestartPolicy;
import win.pvdify.container.RuntimeProfile;
import win.pvdify.podman.PodmanAttach;

/**
 * A one-off runtime for transport tests (the real one, PodmanOneOffs, runs in PvdifyCliIT against real Podman):
 * records calls; every container runs a scripted command that counts its stdin and, at EOF, prints "got N
 * bytes" and exits 3 (a terminal also gets "tty" first). stop() ends it with 143.
 */
public final class ScriptedOneOffs implements OneOffRuntime {
    public final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    public final Map<String, Map<String, String>> env = new ConcurrentHashMap<>();
    private final Map<String, Command> commands = new ConcurrentHashMap<>();
    /** The containers that exist, by name, with their labels (what list() answers). */
    public final Map<String, Map<String, String>> containers = new ConcurrentHashMap<>();

    @Override
    public RuntimeProfile profile() {
        return new RuntimeProfile(LogDriver.K8S_FILE, RestartPolicy.NEVER, 10, null);
    }

    @Override
    public void create(ContainerSpec spec, Map<String, String> values) {
        calls.add("create " + spec.name() + " " + spec.command() + (spec.terminal() ? " tty" : "")
                + (spec.stdin() ? " stdin" : ""));
        env.put(spec.name(), Map.copyOf(values));
        commands.put(spec.name(), new Command(spec.terminal()));
        containers.put(spec.name(), spec.labels());
    }

    @Override
    public void start(String container) {
        calls.add("start " + container);
    }

    @Override
    public PodmanAttach attach(String container, boolean tty) {
        calls.add("attach " + container);
        return commands.get(container);
    }

    @Override
    public void resize(String container, int rows, int cols) {
        calls.add("resize " + container + " " + rows + "x" + cols);
    }

    @Override
    public int awaitExit(String container) {
        return commands.get(container).exit;
    }

    @Override
    public void stop(String container, int timeoutSec) {
        calls.add("stop " + container);
        Command c = commands.get(container);
        if (c != null) {
            c.end(143);
        }
    }

    @Override
    public void remove(String container) {
        calls.add("remove " + container);
        containers.remove(container);
        Command c = commands.get(container);
        if (c != null) {
            c.end(137);
        }
    }

    @Override
    public List<Container> list() {
        List<Container> out = new ArrayList<>();
        containers.forEach((name, labels) -> {
            Command c = commands.get(name);
            boolean running = c == null || c.exit < 0;
            out.add(new Container(name, labels, running, c == null || c.exit < 0 ? 0 : c.exit));
        });
        return out;
    }

    /** Ends a container's command with this exit code (as if it finished by itself). */
    public void exit(String container, int code) {
        commands.get(container).end(code);
    }

    /** The scripted command behind an attach. */
    static final class Command implements PodmanAttach {
        private static final Chunk END = new Chunk(0, new byte[0]);
        private final LinkedBlockingQueue<Chunk> output = new LinkedBlockingQueue<>();
        private final AtomicLong read = new AtomicLong();
        private volatile int exit = -1;

        Command(boolean tty) {
            if (tty) {
                output.add(new Chunk(1, "tty\r\n".getBytes(StandardCharsets.UTF_8)));
            }
        }

        synchronized void end(int code) {
            if (exit < 0) {
                exit = code;
                output.add(END);
            }
        }

        @Override
        public Chunk read() throws IOException {
            try {
                Chunk c = output.take();
                return c == END ? null : c;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (exit >= 0) {
                throw new IOException("the command has ended");
            }
            read.addAndGet(length);
        }

        @Override
        public void closeInput() {
            output.add(new Chunk(1, ("got " + read.get() + " bytes\n").getBytes(StandardCharsets.UTF_8)));
            output.add(new Chunk(2, "bye\n".getBytes(StandardCharsets.UTF_8)));
            end(3);
        }

        @Override
        public void close() {
        }
    }
}
