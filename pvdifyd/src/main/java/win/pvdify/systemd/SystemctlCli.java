package win.pvdify.systemd;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Systemctl through the systemctl binary (behind the runner's prefix). */
public final class SystemctlCli implements Systemctl {
    private static final Duration QUICK = Duration.ofSeconds(60);
    private static final Duration JOB = Duration.ofMinutes(5);
    private final ProcessRunner runner;

    public SystemctlCli(ProcessRunner runner) {
        this.runner = runner;
    }

    @Override
    public void daemonReload() {
        ok(QUICK, "daemon-reload");
    }

    @Override
    public void enable(String unit) {
        ok(QUICK, "enable", "--quiet", "--", unit);
    }

    @Override
    public void disable(String unit) {
        ok(QUICK, "disable", "--quiet", "--", unit);
    }

    @Override
    public boolean start(String unit) {
        return job("start", unit);
    }

    @Override
    public void stop(String unit) {
        ok(JOB, "stop", "--", unit);
    }

    @Override
    public boolean restart(String unit) {
        return job("restart", unit);
    }

    @Override
    public boolean kill(String unit) {
        return runner.run(QUICK, List.of("systemctl", "kill", "--signal=SIGKILL", "--", unit)).ok();
    }

    @Override
    public void resetFailed(String unit) {
        runner.run(QUICK, List.of("systemctl", "reset-failed", "--", unit)); // fails harmlessly when not failed
    }

    @Override
    public List<UnitStatus> show(List<String> units) {
        if (units.isEmpty()) {
            return List.of();
        }
        List<String> cmd = new ArrayList<>(List.of("systemctl", "show", "--timestamp=unix",
                "-p", "Id,LoadState,ActiveState,SubState,NRestarts,ExecMainStartTimestamp,UnitFileState", "--"));
        cmd.addAll(units);
        var r = runner.run(QUICK, cmd);
        if (!r.ok()) {
            throw new SystemdException("systemctl show failed: " + r.err().strip());
        }
        return parseShow(r.out(), units);
    }

    @Override
    public java.util.Map<String, String> properties(String unit, List<String> names) {
        var r = runner.run(QUICK, List.of("systemctl", "show", "--timestamp=unix", "-p", String.join(",", names),
                "--", unit));
        if (!r.ok()) {
            throw new SystemdException("systemctl show " + unit + " failed: " + r.err().strip());
        }
        var out = new java.util.HashMap<String, String>();
        for (String line : r.out().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                out.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return out;
    }

    @Override
    public void startNoBlock(String unit) {
        ok(QUICK, "start", "--no-block", "--", unit);
    }

    @Override
    public List<String> listUnits(String glob) {
        var r = runner.run(QUICK, List.of("systemctl", "list-units", "--all", "--plain", "--no-legend",
                "--no-pager", "--full", "--", glob));
        if (!r.ok()) {
            throw new SystemdException("systemctl list-units failed: " + r.err().strip());
        }
        List<String> out = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            String l = line.strip();
            if (!l.isEmpty()) {
                out.add(l.split("\\s+")[0]);
            }
        }
        return out;
    }

    /** `show` prints one block of Key=Value lines per unit, blocks separated by an empty line. */
    static List<UnitStatus> parseShow(String out, List<String> units) {
        var byId = new java.util.HashMap<String, java.util.Map<String, String>>();
        for (String block : out.strip().split("\n\\s*\n")) {
            var kv = new java.util.HashMap<String, String>();
            for (String line : block.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    kv.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            if (kv.containsKey("Id")) {
                byId.put(kv.get("Id"), kv);
            }
        }
        List<UnitStatus> result = new ArrayList<>();
        for (String unit : units) {
            var kv = byId.getOrDefault(unit, java.util.Map.of());
            int restarts;
            try {
                restarts = Integer.parseInt(kv.getOrDefault("NRestarts", "0"));
            } catch (NumberFormatException e) {
                restarts = 0;
            }
            result.add(new UnitStatus(unit, kv.getOrDefault("LoadState", "not-found"),
                    kv.getOrDefault("ActiveState", "inactive"), kv.getOrDefault("SubState", "dead"), restarts,
                    unixTimestamp(kv.get("ExecMainStartTimestamp")), kv.getOrDefault("UnitFileState", "")));
        }
        return result;
    }

    static Instant unixTimestamp(String v) {
        if (v == null || !v.startsWith("@")) {
            return null;
        }
        try {
            long s = Long.parseLong(v.substring(1));
            return s > 0 ? Instant.ofEpochSecond(s) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private boolean job(String verb, String unit) {
        var r = runner.run(JOB, List.of("systemctl", verb, "--", unit));
        if (r.ok()) {
            return true;
        }
        String load = show(List.of(unit)).get(0).loadState();
        if (!"loaded".equals(load)) {
            throw new SystemdException("systemctl " + verb + " " + unit + " failed (" + load + "): "
                    + r.err().strip());
        }
        return false;
    }

    private void ok(Duration timeout, String... args) {
        List<String> cmd = new ArrayList<>(List.of("systemctl"));
        cmd.addAll(List.of(args));
        var r = runner.run(timeout, cmd);
        if (!r.ok()) {
            throw new SystemdException(String.join(" ", cmd) + " failed: " + r.err().strip());
        }
    }
}
