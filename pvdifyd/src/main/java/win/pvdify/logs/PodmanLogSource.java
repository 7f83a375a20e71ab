package win.pvdify.logs;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import win.pvdify.container.DynoLabels;
import win.pvdify.cron.CronContainers;
import win.pvdify.dyno.DynoName;
import win.pvdify.podman.ContainerSummary;
import win.pvdify.podman.LogFrame;
import win.pvdify.podman.PodmanLogs;
import win.pvdify.podman.PodmanStream;

/**
 * Dyno logs through the Podman logs API (the fallback supervisor's containers), selected by exact labels; which
 * dyno a container is comes from its pvdify.* labels (DynoLabels), not from its name.
 */
public final class PodmanLogSource implements LogSource {
    private final PodmanLogs podman;
    private final Duration discovery;

    public PodmanLogSource(PodmanLogs podman) {
        this(podman, Duration.ofSeconds(1));
    }

    /** discovery: how often a follow looks for dynos that started after it began. */
    public PodmanLogSource(PodmanLogs podman, Duration discovery) {
        this.podman = podman;
        this.discovery = discovery;
    }

    @Override
    public void read(String app, String process, int lines, boolean follow, Consumer<LogLine> sink) {
        if (!DynoName.isValidApp(app)) {
            throw new IllegalArgumentException("invalid app name: " + app);
        }
        List<String> filters = new ArrayList<>(List.of("pvdify.app=" + app));
        if (process != null) {
            filters.add("pvdify.type=" + process);
        }
        List<Source> dynos = new ArrayList<>();
        for (ContainerSummary c : podman.listContainers(filters)) {
            source(app, c).ifPresent(dynos::add);
        }
        if (!follow) {
            List<LogLine> all = new ArrayList<>();
            for (Source d : dynos) {
                try (var s = podman.logs(d.container(), Math.max(0, lines), false, true)) {
                    for (LogFrame f; (f = s.next()) != null; ) {
                        all.add(line(d, f));
                    }
                }
            }
            all.sort(Comparator.comparing(LogLine::at));
            all.subList(0, Math.max(0, all.size() - lines)).clear();
            all.forEach(sink);
            return;
        }
        follow(app, filters, dynos, lines, sink);
    }

    /**
     * Follows every dyno of the app, also those that start later: a deploy, restart or scale replaces containers
     * while `logs -f` runs, and Heroku's tail goes on across them. A discovery loop lists the app's running
     * containers every interval; a new one is followed from its first line, one seen before (restarted by its
     * policy) from now on, so no line is shown twice.
     */
    private void follow(String app, List<String> filters, List<Source> atStart, int lines, Consumer<LogLine> sink) {
        FollowPump<LogLine> pump = new FollowPump<>();
        Map<String, Boolean> streaming = new ConcurrentHashMap<>(); // container -> a stream is open now
        List<PodmanStream<LogFrame>> streams = new CopyOnWriteArrayList<>();
        AtomicBoolean stopped = new AtomicBoolean();
        class Follower {
            void start(Source d, int tail) {
                PodmanStream<LogFrame> s = podman.logs(d.container(), tail, true, true);
                streams.add(s);
                if (stopped.get()) {
                    s.close(); // the follow ended while this dyno was being discovered
                }
                pump.producer("podman-logs-" + d.container(), feed -> {
                    try {
                        for (LogFrame f; (f = s.next()) != null; ) {
                            feed.accept(line(d, f));
                        }
                    } finally {
                        streams.remove(s);
                        streaming.put(d.container(), false);
                    }
                });
            }
        }
        Follower follower = new Follower();
        for (Source d : atStart) {
            streaming.put(d.container(), true);
            follower.start(d, Math.max(0, lines));
        }
        pump.producer("podman-logs-discovery-" + app, feed -> {
            while (!stopped.get()) {
                Thread.sleep(discovery.toMillis()); // polling interval
                List<ContainerSummary> now;
                try {
                    now = podman.listContainers(filters);
                } catch (RuntimeException busy) {
                    continue; // Podman did not answer this time: the next round asks again
                }
                for (ContainerSummary c : now) {
                    Optional<Source> d = source(app, c);
                    if (d.isEmpty() || !"running".equals(c.state())) {
                        continue;
                    }
                    String container = d.get().container();
                    Boolean open = streaming.put(container, true);
                    if (Boolean.TRUE.equals(open)) {
                        continue;
                    }
                    try {
                        // new since the follow began: all of its lines; back after a restart: only new ones
                        follower.start(d.get(), open == null ? -1 : 0);
                    } catch (RuntimeException gone) {
                        // stopped or removed meanwhile: as it was, so a next round may try again
                        if (open == null) {
                            streaming.remove(container);
                        } else {
                            streaming.put(container, false);
                        }
                    }
                }
            }
        });
        pump.drain(sink, () -> {
            stopped.set(true);
            streams.forEach(PodmanStream::close);
        });
    }

    /** With timestamps, each frame starts with an RFC 3339 time and a space. */
    /** A container whose lines are read: a dyno, or a cron run (dyno "cron.N"). */
    record Source(String container, String dyno) {
        static Source of(DynoName d) {
            return new Source(d.container(), d.dyno());
        }
    }

    /** Who the container is, from its labels (a dyno) or its labels and name (a cron run), if it is the app's. */
    private static Optional<Source> source(String app, ContainerSummary c) {
        return DynoLabels.identity(c.labels()).filter(n -> n.app().equals(app)).map(Source::of)
                .or(() -> CronContainers.identity(c.name(), c.labels()).filter(n -> n.app().equals(app))
                        .map(n -> new Source(n.container(), n.dyno())));
    }

    static LogLine line(Source d, LogFrame f) {
        String text = f.text();
        int sp = text.indexOf(' ');
        Instant at = null;
        if (sp > 0) {
            at = parse(text.substring(0, sp)).orElse(null);
        }
        if (at == null) {
            return LogLine.app(Instant.now(), d.dyno(), text);
        }
        return LogLine.app(at, d.dyno(), text.substring(sp + 1));
    }

    private static Optional<Instant> parse(String ts) {
        try {
            return Optional.of(OffsetDateTime.parse(ts).toInstant());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
