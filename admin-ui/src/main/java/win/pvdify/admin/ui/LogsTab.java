package win.pvdify.admin.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import java.util.ArrayDeque;
import java.util.Deque;
import win.pvdify.api.App;
import win.pvdify.api.client.LogFollow;
import win.pvdify.api.client.PvdifyClient;

/** Logs: the last lines, then a live tail pushed to the browser while this tab is shown. */
final class LogsTab extends Div {
    private static final int KEEP = 500;
    private final PvdifyClient api;
    private final App app;
    private final Pre output = new Pre();
    private final Span state = new Span();
    private final Deque<String> lines = new ArrayDeque<>();
    private LogFollow follow;

    LogsTab(PvdifyClient api, App app) {
        this.api = api;
        this.app = app;
        addClassName("tab-body");
        output.setId("log-output");
        output.addClassNames("code", "logs");
        output.getElement().setAttribute("aria-live", "polite");
        output.getElement().setAttribute("tabindex", "0");
        state.setId("log-state");
        state.addClassName("muted");
        Button clear = new Button("Clear", e -> {
            lines.clear();
            output.setText("");
        });
        Div bar = new Div(state, clear);
        bar.addClassName("row");
        add(bar, output);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        state.setText("Following the log of " + app.name() + " …");
        follow = api.followLogs(app.name(), 100, null,
                line -> Live.push(ui, () -> append(line)),
                end -> Live.push(ui, () -> state.setText(end == null ? "The log stream ended."
                        : "Log stream stopped: " + Feedback.message(end))));
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (follow != null) {
            follow.close();
            follow = null;
        }
    }

    private void append(String line) {
        lines.addLast(line);
        while (lines.size() > KEEP) {
            lines.removeFirst();
        }
        output.setText(String.join("\n", lines));
    }
}
