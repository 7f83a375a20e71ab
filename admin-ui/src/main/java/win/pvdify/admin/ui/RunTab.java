package win.pvdify.admin.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import java.util.List;
import win.pvdify.api.App;
import win.pvdify.api.Run;
import win.pvdify.api.RunRequest;
import win.pvdify.api.client.PvdifyClient;

/**
 * Run: starts a detached one-off run of the current release (`pvdify run --detached`) with a shell command line,
 * then shows its state, exit code and output (the app's log lines of that run.N), refreshed every 2 seconds.
 */
final class RunTab extends Div {
    private static final int MAX_COMMAND = 4096;
    private final PvdifyClient api;
    private final App app;
    private final TextField command = new TextField("Command");
    private final Span state = new Span();
    private final Pre output = new Pre();
    private volatile Run current;

    RunTab(PvdifyClient api, App app) {
        this.api = api;
        this.app = app;
        addClassName("tab-body");
        command.setId("run-command");
        command.setPlaceholder("./manage.py migrate");
        command.setHelperText("Runs in the background with `sh -c` in a container of the current release and its"
                + " config; its output shows below and in the logs as run.N.");
        command.setMaxLength(MAX_COMMAND);
        command.setWidthFull();
        Button run = new Button("Run detached");
        run.setId("run-start");
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        run.addClickListener(e -> start(run));
        state.setId("run-state");
        state.addClassName("muted");
        output.setId("run-output");
        output.addClassNames("code", "logs");
        output.getElement().setAttribute("aria-live", "polite");
        Div bar = new Div(command, run);
        bar.addClassName("row");
        add(bar, state, output);
        Live.every(this, 2, this::refresh, this::show, e -> state.setText("Cannot read the run: "
                + Feedback.message(e)));
    }

    private void start(Button button) {
        String line = command.getValue() == null ? "" : command.getValue().strip();
        if (line.isEmpty()) {
            Feedback.error("Type a command to run.");
            return;
        }
        Live.action(button, () -> api.run(app.name(), new RunRequest(List.of("sh", "-c", line), false, false, null,
                null, null)), r -> {
                    current = r;
                    output.setText("");
                    show(new Snapshot(r, List.of()));
                    Feedback.success("Started " + r.name() + " (detached)");
                });
    }

    private record Snapshot(Run run, List<String> lines) {
    }

    /** The current run and its output lines (background thread). */
    private Snapshot refresh() {
        Run r = current;
        if (r == null) {
            return null;
        }
        Run now = api.runInfo(app.name(), r.number());
        String tag = "[" + now.name() + "]: ";
        List<String> lines = api.logs(app.name(), 500, "run").stream().filter(l -> l.contains(tag))
                .map(l -> l.substring(l.indexOf(tag) + tag.length())).toList();
        return new Snapshot(now, lines);
    }

    private void show(Snapshot s) {
        if (s == null) {
            return;
        }
        Run r = s.run();
        state.setText(r.name() + ": " + r.state() + (r.exitCode() == null ? "" : " (exit code " + r.exitCode() + ")")
                + (r.error() == null || r.exitCode() != null ? "" : " — " + r.error()));
        if (!s.lines().isEmpty()) {
            output.setText(String.join("\n", s.lines()));
        }
    }
}
