package win.pvdify.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import win.pvdify.api.StatusCheck;
import win.pvdify.api.SystemStatus;

/** status: the daemon's health checks (api, database, podman, systemd, caddy, cloudflare, disk). */
@Command(name = "status", description = "Show the health of the Pvdify host.")
final class StatusCommand extends ApiCommand {
    @Option(names = "--json", description = "Print JSON (for scripts).")
    boolean json;

    @Override
    public Integer call() {
        SystemStatus s = client().status();
        if (json) {
            printJson(s);
            return ExitCodes.OK;
        }
        heading("Pvdify " + Text.clean(s.version()) + ": " + style().state(Text.clean(s.state()))
                + (s.supervisor() == null ? "" : " (dynos supervised by " + Text.clean(s.supervisor()) + ")"));
        Table t = Table.of("Check", "State", "Detail");
        if (s.checks() != null) {
            for (StatusCheck c : s.checks()) {
                t.row(Text.clean(c.name()), style().state(Text.clean(c.state())), Text.clean(c.detail()));
            }
        }
        out().print(t.render());
        return ExitCodes.OK;
    }
}
