package win.pvdify.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import win.pvdify.cron.CronRunName;
import win.pvdify.dyno.DynoName;
import win.pvdify.systemd.Journalctl;
import win.pvdify.systemd.SystemdException;

/**
 * Dyno logs from journald. Units log with `--log-opt tag=pvdify-<app>`, so SYSLOG_IDENTIFIER=pvdify-<app> is
 * an exact match for this app only (never `api-2` for `api`); a process type adds `-u pvdify-<app>.<type>.*`
 * when reading the backlog. Entries are kept only when CONTAINER_NAME parses as a dyno of this app (and type)
 * and the entry came from that dyno's unit: SYSLOG_IDENTIFIER and CONTAINER_NAME are whatever the sender says
 * (any local process can send them, e.g. `logger --journald`), while _SYSTEMD_UNIT is journald's own record of
 * the sender's cgroup. The dyno's conmon runs in its unit (--cgroups=no-conmon) and sends its lines.
 */
public final class JournaldLogSource implements LogSource {
    static final String ONE_OFF_TYPE = "run";
    private final Journalctl journal;
    private final ObjectMapper json = new ObjectMapper();

    public JournaldLogSource(Journalctl journal) {
        this.journal = journal;
    }

    @Override
    public void read(String app, String process, int lines, boolean follow, Consumer<LogLine> sink) {
        if (!follow) {
            String out;
            try {
                out = journal.read(args(app, process, lines));
            } catch (SystemdException e) {
                if (process != null && e.getMessage().contains("No data available")) {
                    return; // no unit of this type ever logged
                }
                throw e;
            }
            for (String l : out.split("\n")) {
                parse(app, process, l).ifPresent(sink);
            }
            return;
        }
        // Following: no -u (its glob only expands to units already in the journal, so dynos of a later
        // release would be missed); the process type is filtered here instead.
        List<String> args = args(app, null, lines);
        args.add("--follow");
        Process p = journal.follow(args);
        FollowPump<LogLine> pump = new FollowPump<>();
        pump.producer("journal-" + app, feed -> {
            try (var in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = in.readLine()) != null; ) {
                    parse(app, process, l).ifPresent(feed);
                }
            }
        });
        pump.drain(sink, () -> {
            p.destroy();
            try {
                p.getInputStream().close();
            } catch (IOException ignored) {
                // already gone
            }
        });
    }

    static List<String> args(String app, String process, int lines) {
        if (!DynoName.isValidApp(app)) {
            throw new IllegalArgumentException("invalid app name: " + app);
        }
        List<String> args = new ArrayList<>(List.of("-o", "json", "-n", Integer.toString(Math.max(0, lines)),
                "SYSLOG_IDENTIFIER=" + DynoName.PREFIX + app));
        // One-off runs are containers, not units: their type is filtered by CONTAINER_NAME in parse() alone.
        if (process != null && !process.equals(ONE_OFF_TYPE)) {
            args.addAll(List.of("-u", DynoName.unitGlob(app, process)));
        }
        return args;
    }

    Optional<LogLine> parse(String app, String process, String jsonLine) {
        if (jsonLine.isBlank()) {
            return Optional.empty();
        }
        JsonNode n;
        try {
            n = json.readTree(jsonLine);
        } catch (IOException e) {
            return Optional.empty();
        }
        // Podman's journald driver records the container's name (CONTAINER_NAME), not its labels: the name is the
        // only identity a journal entry carries, and the container may be long gone when its lines are read.
        String container = n.path("CONTAINER_NAME").asText(null);
        // _SYSTEMD_UNIT is journald's own (the sender's cgroup); every other field is what the sender says, and any
        // local process can forge them with `logger --journald`. A dyno's conmon runs in the dyno's unit; a
        // one-off's or a cron run's in Podman's scope for that container (or, for cron, its launcher service).
        String unit = n.path("_SYSTEMD_UNIT").asText("");
        String conmonScope = "libpod-conmon-" + n.path("CONTAINER_ID_FULL").asText("?") + ".scope";
        Optional<Source> dyno = DynoName.parse(container).map(d -> new Source(d.app(), d.type(), d.dyno(),
                        d.type().equals(ONE_OFF_TYPE) ? unit.equals(conmonScope) : unit.equals(d.unit())))
                .or(() -> CronRunName.parse(container).map(c -> new Source(c.app(), CronRunName.TYPE, c.dyno(),
                        unit.equals(conmonScope) || unit.equals(c.service()))));
        if (dyno.isEmpty() || !dyno.get().app().equals(app)
                || (process != null && !dyno.get().type().equals(process))
                || !dyno.get().fromItsUnit()) {
            return Optional.empty();
        }
        long usec = Long.parseLong(n.path("__REALTIME_TIMESTAMP").asText("0"));
        Instant at = Instant.ofEpochSecond(usec / 1_000_000, (usec % 1_000_000) * 1000);
        return Optional.of(LogLine.app(at, dyno.get().dyno(), message(n.path("MESSAGE"))));
    }

    /** Whose line it is: a dyno's, or a cron run's (shown as dyno cron.N); fromItsUnit: journald vouches for it. */
    private record Source(String app, String type, String dyno, boolean fromItsUnit) {
    }

    /** MESSAGE is a string, or an array of bytes when it is not valid UTF-8 text. */
    private static String message(JsonNode m) {
        if (m.isArray()) {
            byte[] b = new byte[m.size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) m.get(i).asInt();
            }
            return new String(b, StandardCharsets.UTF_8);
        }
        return m.asText("");
    }
}
