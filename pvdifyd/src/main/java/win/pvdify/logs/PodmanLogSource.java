package win.pvdify.logs;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import win.pvdify.dyno.DynoName;
import win.pvdify.podman.ContainerSummary;
import win.pvdify.podman.LogFrame;
import win.pvdify.podman.PodmanApi;
import win.pvdify.podman.PodmanStream;

/** Dyno logs through the Podman logs API (the fallback supervisor's containers), selected by exact labels. */
public final class PodmanLogSource implements LogSource {
    private final PodmanApi podman;

    public PodmanLogSource(PodmanApi podman) {
        this.podman = podman;
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
        List<DynoName> dynos = new ArrayList<>();
        for (ContainerSummary c : podman.listContainers(filters)) {
            DynoName.parse(c.name()).filter(n -> n.app().equals(app)).ifPresent(dynos::add);
        }
        if (!follow) {
            List<LogLine> all = new ArrayList<>();
            for (DynoName d : dynos) {
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
        FollowPump<LogLine> pump = new FollowPump<>();
        List<PodmanStream<LogFrame>> streams = new ArrayList<>();
        for (DynoName d : dynos) {
            var s = podman.logs(d.container(), Math.max(0, lines), true, true);
            streams.add(s);
            pump.producer("podman-logs-" + d.container(), feed -> {
                for (LogFrame f; (f = s.next()) != null; ) {
                    feed.accept(line(d, f));
                }
            });
        }
        pump.drain(sink, () -> streams.forEach(PodmanStream::close));
    }

    /** With timestamps, each frame starts with an RFC 3339 time and a space. */
    static LogLine line(DynoName d, LogFrame f) {
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
