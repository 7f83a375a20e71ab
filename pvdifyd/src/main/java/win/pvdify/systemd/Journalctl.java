package win.pvdify.systemd;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** journalctl (behind the runner's prefix): bounded reads and followed streams. */
public final class Journalctl {
    private final ProcessRunner runner;

    public Journalctl(ProcessRunner runner) {
        this.runner = runner;
    }

    /** The unit's last lines as the program printed them (-o cat). */
    public List<String> lastLines(String unit, int lines) {
        var r = runner.run(Duration.ofSeconds(60), List.of("journalctl", "--no-pager", "-o", "cat", "-n",
                Integer.toString(lines), "-u", unit));
        if (!r.ok()) {
            throw new SystemdException("journalctl -u " + unit + " failed: " + r.err().strip());
        }
        List<String> out = new ArrayList<>();
        for (String l : r.out().split("\n")) {
            if (!l.isEmpty()) {
                out.add(l);
            }
        }
        return out;
    }

    /** The last lines of journal entries with this FIELD=value match (-o cat); empty when none or on failure. */
    public List<String> matching(String match, int lines) {
        var r = runner.run(Duration.ofSeconds(60), List.of("journalctl", "--no-pager", "-o", "cat", "-n",
                Integer.toString(lines), match));
        List<String> out = new ArrayList<>();
        if (!r.ok()) {
            return out;
        }
        for (String l : r.out().split("\n")) {
            if (!l.isEmpty()) {
                out.add(l);
            }
        }
        return out;
    }

    /** Runs journalctl with these arguments to completion and returns stdout. */
    public String read(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of("journalctl", "--no-pager"));
        cmd.addAll(args);
        var r = runner.run(Duration.ofSeconds(60), cmd);
        if (!r.ok()) {
            throw new SystemdException("journalctl failed: " + r.err().strip());
        }
        return r.out();
    }

    /** Starts journalctl with these arguments (e.g. -f); the caller reads stdout and destroys the process. */
    public Process follow(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of("journalctl", "--no-pager"));
        cmd.addAll(args);
        return runner.start(cmd);
    }
}
