package win.pvdify.commands;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import win.pvdify.api.Run;
import win.pvdify.container.ContainerSpec;
import win.pvdify.container.ContainerSpecs;
import win.pvdify.container.DynoLabels;
import win.pvdify.container.OneOffSpec;
import win.pvdify.dyno.DynoName;
import win.pvdify.engine.DesiredApp;
import win.pvdify.engine.ReleaseLedger;
import win.pvdify.oneoff.OneOffRuntime;
import win.pvdify.ops.Refused;
import win.pvdify.podman.PodmanAttach;
import win.pvdify.store.RunQueries;
import win.pvdify.store.StoredRun;
import win.pvdify.systemd.EnvFiles;

/**
 * The use cases of one-off runs (`pvdify run`): start one (attached: created and waiting for its client;
 * detached: started at once), attach a client to it, stop it, and keep them tidy — the reaper stops runs at
 * their deadline (also those found by label after a restart of pvdifyd), records how detached runs ended, and
 * removes containers and env files of runs that have ended. Runs are not operations on the app's queue: a console
 * open for an hour must not hold up deploys.
 */
public final class OneOffRuns implements AutoCloseable {
    public static final String TYPE = "run";
    public static final Duration DEFAULT_TTL = Duration.ofHours(1);
    public static final Duration MAX_TTL = Duration.ofHours(24);
    /** An attached run whose client has not come by then is removed. */
    static final Duration ATTACH_WITHIN = Duration.ofMinutes(2);
    /** A detached run's container stays this long after it ended, so `pvdify logs` can still read it. */
    static final Duration KEEP_ENDED = Duration.ofHours(1);

    private final RunQueries runs;
    private final ReleaseLedger ledger;
    private final OneOffRuntime runtime;
    private final EnvFiles envFiles;
    private final Clock clock;
    private final Map<String, Session> live = new ConcurrentHashMap<>();
    private ScheduledExecutorService reaper;

    /** What to run (validated by the caller's layer: command words, env keys and values, ttl range). */
    /**
     * image: another image than the release's, for runs pvdifyd itself starts (an add-on's client: pg:psql), never
     * from a user's request; null = the release's.
     */
    public record Request(List<String> command, boolean attach, boolean tty, Map<String, String> env,
                          Integer release, Duration ttl, String image) {
        public Request(List<String> command, boolean attach, boolean tty, Map<String, String> env,
                       Integer release, Duration ttl) {
            this(command, attach, tty, env, release, ttl, null);
        }
    }

    /** runtime null: this daemon runs no containers, so runs are refused (503). */
    public OneOffRuns(RunQueries runs, ReleaseLedger ledger, OneOffRuntime runtime, EnvFiles envFiles, Clock clock) {
        this.runs = runs;
        this.ledger = ledger;
        this.runtime = runtime;
        this.envFiles = envFiles;
        this.clock = clock;
    }

    public RunQueries store() {
        return runs;
    }

    /** Records the run and creates its container; a detached run is started too. */
    public StoredRun start(String app, Request r, String by) {
        OneOffRuntime rt = runtime();
        DesiredApp d = (r.release() == null ? ledger.desired(app) : ledger.desired(app, r.release()))
                .orElseThrow(() -> Refused.notFound(r.release() == null ? "no app named '" + app + "'"
                        : app + " has no release v" + r.release()));
        if (d.release() == null || d.image() == null) {
            throw Refused.conflict(app + " has no release yet: deploy it first (pvdify deploy " + app + ")");
        }
        Duration ttl = r.ttl() == null ? DEFAULT_TTL : r.ttl();
        String image = r.image() != null ? r.image() : d.image();
        StoredRun run = runs.insert(app, d.release(), r.command(), r.attach(), r.tty(), by,
                clock.instant().plus(ttl));
        DynoName name = name(run);
        Map<String, String> env = new TreeMap<>();
        if (d.env() != null) {
            env.putAll(d.env());
        }
        env.put("PORT", String.valueOf(d.bindPort()));
        env.put("DYNO", run.name());
        env.putAll(r.env());
        try {
            Path envFile = envFiles.write(name, env);
            ContainerSpec spec = ContainerSpecs.forOneOff(new OneOffSpec(app, run.release(), TYPE, run.number(),
                    image, run.command(), envFile, d.resources() == null ? null : d.resources().memoryMb(),
                    d.resources() == null ? null : d.resources().cpu(), d.readOnly(), r.attach(), r.tty(),
                    run.deadline()), rt.profile(), rt.imageCommand(image));
            rt.create(spec, spec.envFileMounted() ? Map.of() : env); // the shim reads the file: Podman gets none
            if (!r.attach()) {
                rt.start(spec.name());
                runs.markRunning(app, run.number());
            }
        } catch (RuntimeException e) {
            runs.end(app, run.number(), Run.State.FAILED, null, "could not start: " + e.getMessage());
            removeQuietly(name);
            throw e;
        }
        ledger.event(app, "api", "Starting process with command `" + String.join(" ", run.command()) + "` by "
                + by + " (" + run.name() + ", v" + run.release() + (r.attach() ? "" : ", detached") + ")");
        return runs.find(app, run.number()).orElseThrow();
    }

    /**
     * Claims an attached run for its client: attaches to its streams, starts it and sets the terminal size (rows
     * and cols 0 = unknown). Refused when the run is unknown, detached, or already claimed or ended.
     */
    public Session attach(String app, int number, int rows, int cols) {
        OneOffRuntime rt = runtime();
        StoredRun run = attachable(app, number);
        if (!runs.markRunning(app, number)) {
            throw Refused.conflict("run." + number + " of " + app + " already has a client or has ended");
        }
        String container = name(run).container();
        PodmanAttach io = null;
        try {
            io = rt.attach(container, run.tty());
            rt.start(container);
        } catch (RuntimeException e) {
            if (io != null) {
                io.close();
            }
            runs.end(app, number, Run.State.FAILED, null, "could not start: " + e.getMessage());
            removeQuietly(name(run));
            throw e;
        }
        Session s = new Session(run, container, io);
        live.put(key(app, number), s);
        if (run.tty() && rows > 0 && cols > 0) {
            s.resize(rows, cols);
        }
        return s;
    }

    /** The checks of {@link #attach} without claiming the run (the upgrade answers them before switching). */
    public StoredRun attachable(String app, int number) {
        StoredRun run = runs.find(app, number)
                .orElseThrow(() -> Refused.notFound("no run." + number + " on " + app));
        if (!run.attached()) {
            throw Refused.conflict("run." + number + " runs detached: its output is in pvdify logs " + app
                    + " -p run");
        }
        if (run.state() != Run.State.CREATED) {
            throw Refused.conflict("run." + number + " of " + app + " already has a client or has ended");
        }
        return run;
    }

    /** Stops a run that has not ended (ps:stop run.N): recorded as stopped, its container stopped. */
    public StoredRun stop(String app, int number, String by) {
        OneOffRuntime rt = runtime();
        StoredRun run = runs.find(app, number).orElseThrow(() -> Refused.notFound("no run." + number + " on " + app));
        if (!runs.end(app, number, Run.State.STOPPED, null, "stopped by " + by)) {
            throw Refused.conflict("run." + number + " of " + app + " has already ended (" + run.state().wire() + ")");
        }
        DynoName name = name(run);
        if (run.state() == Run.State.CREATED || (run.attached() && !live.containsKey(key(app, number)))) {
            removeQuietly(name);
        } else {
            rt.stop(name.container(), rt.profile().stopTimeoutSec());
        }
        ledger.event(app, "api", "Stopping " + run.name() + " (by " + by + ")");
        return runs.find(app, number).orElseThrow();
    }

    /**
     * At start: no client is attached to anything any more (pvdifyd restarted), so attached runs that had begun
     * are stopped; then one reaper pass settles the rest (deadlines, detached runs that ended meanwhile, leftovers).
     */
    public void recover() {
        if (runtime == null) {
            return;
        }
        for (StoredRun run : runs.unfinished()) {
            if (run.attached()) {
                runs.end(run.app(), run.number(), Run.State.STOPPED, null, "its client went away: pvdifyd restarted");
                removeQuietly(name(run));
            }
        }
        reapOnce();
    }

    /** Runs the reaper every `every` (a platform thread: Podman calls block in native socket reads). */
    public synchronized void startReaper(Duration every) {
        if (runtime == null || reaper != null) {
            return;
        }
        reaper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "one-off-reaper");
            t.setDaemon(true);
            return t;
        });
        reaper.scheduleWithFixedDelay(() -> {
            try {
                reapOnce();
            } catch (RuntimeException e) {
                System.err.println("pvdifyd: one-off reaper: " + e.getMessage());
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One pass: deadlines, ended detached runs, clients that never came, leftover containers. */
    public void reapOnce() {
        OneOffRuntime rt = runtime();
        Instant now = clock.instant();
        Map<String, OneOffRuntime.Container> containers = new HashMap<>();
        for (OneOffRuntime.Container c : rt.list()) {
            containers.put(c.name(), c);
        }
        for (StoredRun run : runs.unfinished()) {
            DynoName name = name(run);
            OneOffRuntime.Container c = containers.get(name.container());
            boolean attachedNow = live.containsKey(key(run.app(), run.number()));
            if (!now.isBefore(run.deadline())) {
                if (runs.end(run.app(), run.number(), Run.State.STOPPED, null,
                        "stopped at its deadline (ttl)")) {
                    ledger.event(run.app(), "api", "Stopping " + run.name() + ": its time limit ran out");
                }
                if (c != null && c.running()) {
                    rt.stop(name.container(), rt.profile().stopTimeoutSec());
                }
            } else if (run.state() == Run.State.CREATED && !attachedNow
                    && run.createdAt().plus(ATTACH_WITHIN).isBefore(now)) {
                runs.end(run.app(), run.number(), Run.State.FAILED, null, "no client attached within "
                        + ATTACH_WITHIN.toMinutes() + " minutes");
                removeQuietly(name);
            } else if (run.state() == Run.State.RUNNING && !run.attached()) {
                if (c == null) {
                    runs.end(run.app(), run.number(), Run.State.FAILED, null, "its container is gone");
                } else if (!c.running()) {
                    ended(run, c.exitCode());
                }
            }
        }
        // Containers whose run has ended (or whose app or record is gone): stop or remove them.
        for (OneOffRuntime.Container c : containers.values()) {
            Optional<DynoName> id = DynoLabels.identity(c.labels());
            Optional<StoredRun> run = id.flatMap(n -> runs.find(n.app(), n.number()));
            boolean attachedNow = id.map(n -> live.containsKey(key(n.app(), n.number()))).orElse(false);
            if (attachedNow) {
                continue; // its session removes it when the command ends
            }
            if (run.isEmpty()) {
                removeQuietly(c);
                continue;
            }
            StoredRun r = run.get();
            if (!r.state().ended()) {
                continue;
            }
            if (c.running()) {
                rt.stop(c.name(), rt.profile().stopTimeoutSec());
            } else if (r.attached() || r.endedAt() == null || r.endedAt().plus(KEEP_ENDED).isBefore(now)) {
                removeQuietly(c);
            }
        }
    }

    /** The runs of an app, newest first. */
    public List<StoredRun> list(String app, int limit) {
        return runs.list(app, limit);
    }

    @Override
    public synchronized void close() {
        if (reaper != null) {
            reaper.shutdownNow();
            reaper = null;
        }
        live.values().forEach(s -> s.abandon("pvdifyd is stopping"));
    }

    private void ended(StoredRun run, int exitCode) {
        runs.end(run.app(), run.number(), exitCode == 0 ? Run.State.SUCCEEDED : Run.State.FAILED, exitCode,
                exitCode == 0 ? null : "exited with code " + exitCode);
        ledger.event(run.app(), "api", "Process " + run.name() + " exited with status " + exitCode);
    }

    /** Whether this daemon runs one-off containers at all. */
    public boolean enabled() {
        return runtime != null;
    }

    private OneOffRuntime runtime() {
        if (runtime == null) {
            throw new Refused(503, "this pvdifyd runs no containers, so it cannot run one-off commands");
        }
        return runtime;
    }

    static DynoName name(StoredRun run) {
        return new DynoName(run.app(), TYPE, run.number(), run.release());
    }

    private static String key(String app, int number) {
        return app + "/" + number;
    }

    private void removeQuietly(DynoName name) {
        try {
            runtime.remove(name.container());
        } catch (RuntimeException e) {
            System.err.println("pvdifyd: could not remove " + name.container() + ": " + e.getMessage());
        }
        try {
            envFiles.remove(envFiles.pathFor(name));
        } catch (RuntimeException e) {
            System.err.println("pvdifyd: could not remove the env file of " + name.container() + ": " + e.getMessage());
        }
    }

    private void removeQuietly(OneOffRuntime.Container c) {
        try {
            runtime.remove(c.name());
        } catch (RuntimeException e) {
            System.err.println("pvdifyd: could not remove " + c.name() + ": " + e.getMessage());
        }
        Path env = DynoLabels.envFile(c.labels());
        if (env != null && env.getFileName().toString().startsWith(DynoName.PREFIX)) {
            try {
                envFiles.remove(env);
            } catch (RuntimeException e) {
                System.err.println("pvdifyd: could not remove " + env + ": " + e.getMessage());
            }
        }
    }

    /**
     * A client attached to a run: its streams, the terminal size, and how it ends — finish() after the output
     * ended (the exit code is recorded, the container removed), abandon() when the client went away first (the
     * run is stopped, as Heroku does).
     */
    public final class Session {
        private final StoredRun run;
        private final String container;
        private final PodmanAttach io;
        private boolean done;

        private Session(StoredRun run, String container, PodmanAttach io) {
            this.run = run;
            this.container = container;
            this.io = io;
        }

        public StoredRun run() {
            return run;
        }

        public PodmanAttach io() {
            return io;
        }

        /** Sets the terminal size; a run without a terminal, or one that has ended, ignores it. */
        public void resize(int rows, int cols) {
            if (!run.tty()) {
                return;
            }
            try {
                runtime.resize(container, rows, cols);
            } catch (RuntimeException e) {
                // the command may have ended a moment ago: nothing to resize
            }
        }

        /** After its output ended: waits for the exit code, records it, removes the container. */
        public synchronized int finish() {
            if (done) {
                return -1; // abandoned meanwhile: its end is recorded already
            }
            int code;
            try {
                code = runtime.awaitExit(container);
            } finally {
                cleanUp();
            }
            ended(run, code);
            return code;
        }

        /** The client went away before the command ended: stop it and record that. */
        public synchronized void abandon(String why) {
            if (done) {
                return;
            }
            runs.end(run.app(), run.number(), Run.State.STOPPED, null, why);
            cleanUp();
        }

        private void cleanUp() {
            if (done) {
                return;
            }
            done = true;
            io.close();
            live.remove(key(run.app(), run.number()));
            removeQuietly(name(run));
        }

        /** Writes stdin bytes (blocks while the container does not read: back-pressure). */
        public void write(byte[] bytes, int offset, int length) throws IOException {
            io.write(bytes, offset, length);
        }
    }
}
