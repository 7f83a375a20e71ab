package win.pvdify.admin.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import java.util.List;
import win.pvdify.admin.Display;
import win.pvdify.api.App;
import win.pvdify.api.Operation;
import win.pvdify.api.client.PvdifyClient;

/**
 * Operations: the app's running and queued changes (live: refreshed by server push every 2 s, each with a cancel
 * button) and the history of ended ones, newest first.
 */
final class OperationsTab extends Div {
    static final int SHOWN = 30;
    private final PvdifyClient api;
    private final App app;
    private final Div running = new Div();
    private final Div history = new Div();

    OperationsTab(PvdifyClient api, App app) {
        this.api = api;
        this.app = app;
        addClassName("tab-body");
        running.setId("operations-running");
        running.addClassName("rows");
        history.setId("operations-history");
        history.addClassName("rows");
        add(new H3("Running"), running, new H3("History"), history);
        try {
            show(api.operations(app.name(), SHOWN));
        } catch (RuntimeException e) {
            history.add(new Paragraph(Feedback.message(e)));
        }
        Live.every(this, 2, () -> api.operations(app.name(), SHOWN), this::show, e -> { });
    }

    private void show(List<Operation> ops) {
        running.removeAll();
        history.removeAll();
        List<Operation> live = ops.stream().filter(o -> !o.ended()).toList();
        List<Operation> ended = ops.stream().filter(Operation::ended).toList();
        if (live.isEmpty()) {
            running.add(new Paragraph("Nothing running."));
        }
        live.forEach(o -> running.add(row(o)));
        if (ended.isEmpty()) {
            history.add(new Paragraph("No operations yet."));
        }
        ended.forEach(o -> history.add(row(o)));
    }

    private Div row(Operation o) {
        Div row = new Div();
        row.addClassNames("row", "operation");
        row.getElement().setAttribute("data-operation", Long.toString(o.id()));
        row.getElement().setAttribute("data-kind", o.kind() == null ? "" : o.kind());
        Span id = new Span("#" + o.id());
        id.addClassName("mono");
        Span description = new Span(o.description() == null ? "" : o.description());
        description.addClassName("operation-description");
        Span by = new Span((o.release() == null ? "" : "v" + o.release() + " · ") + "by "
                + (o.createdBy() == null ? "?" : o.createdBy()) + " · " + Display.time(o.createdAt()));
        by.addClassName("muted");
        row.add(id, Badge.of(o.state()), description, by);
        if (o.error() != null) {
            Span why = new Span(o.error());
            why.addClassNames("muted", "failure");
            row.add(why);
        }
        if (!o.ended()) {
            Button cancel = new Button("Cancel");
            cancel.setId("cancel-operation-" + o.id());
            cancel.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            cancel.addClickListener(e -> Live.action(cancel, () -> api.cancelOperation(o.id()), after -> {
                Feedback.success("Operation #" + o.id() + " " + ("cancelled".equals(after.state())
                        ? "cancelled" : "is being cancelled"));
            }));
            row.add(cancel);
        }
        return row;
    }
}
