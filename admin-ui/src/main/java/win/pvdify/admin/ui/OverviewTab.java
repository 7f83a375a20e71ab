package win.pvdify.admin.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.IntegerField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import win.pvdify.admin.Display;
import win.pvdify.api.App;
import win.pvdify.api.Dyno;
import win.pvdify.api.FormationEntry;
import win.pvdify.api.Processes;
import win.pvdify.api.Release;
import win.pvdify.api.client.ApiException;
import win.pvdify.api.client.PvdifyClient;

/** Overview: live dynos, scaling per process type, the latest release and quick counts. */
final class OverviewTab extends Div {
    private final PvdifyClient api;
    private final App app;
    private final Div dynos = new Div();
    private final Div scaling = new Div();
    private final Div latest = new Div();
    private final Div stats = new Div();
    private final Map<String, IntegerField> counts = new LinkedHashMap<>();

    /** configVars is null when the token may not read config (a deploy token). */
    record Snapshot(Processes ps, List<Release> releases, Integer configVars, int domains) {
    }

    OverviewTab(PvdifyClient api, App app) {
        this.api = api;
        this.app = app;
        addClassName("tab-body");
        dynos.setId("dynos");
        dynos.addClassName("rows");
        scaling.setId("scaling");
        scaling.addClassName("rows");
        latest.setId("latest-release");
        stats.setId("stats");
        stats.addClassName("stats");
        add(new H3("Dynos"), dynos, new H3("Scale"), scaling, new H3("Latest release"), latest,
                new H3("At a glance"), stats);
        try {
            Snapshot first = fetch();
            render(first);
            renderScaling(first.ps());
        } catch (RuntimeException e) {
            dynos.add(new Paragraph(Feedback.message(e)));
        }
        Live.every(this, 3, this::fetch, this::render, e -> { });
    }

    private Snapshot fetch() {
        Processes ps = api.ps(app.name());
        List<Release> releases = api.releases(app.name());
        Integer vars;
        try {
            vars = api.config(app.name()).vars().size();
        } catch (ApiException e) {
            if (e.status() != 403) {
                throw e;
            }
            vars = null; // config stays with admins
        }
        int domains = api.domains(app.name()).size();
        return new Snapshot(ps, releases, vars, domains);
    }

    private void render(Snapshot s) {
        dynos.removeAll();
        List<Dyno> list = s.ps().dynos() == null ? List.of() : s.ps().dynos();
        if (list.isEmpty()) {
            dynos.add(new Paragraph("No dynos running. Deploy an image, then scale web to 1 or more."));
        }
        for (Dyno d : list) {
            Div row = new Div();
            row.addClassName("row");
            row.getElement().setAttribute("data-dyno", d.name());
            Span name = new Span(d.name());
            name.addClassName("mono");
            Span state = Badge.of(d.state());
            state.addClassName("dyno-state");
            row.add(name, state, detail("up " + Display.uptime(d.uptimeSeconds())),
                    detail(d.restarts() + (d.restarts() == 1 ? " restart" : " restarts")),
                    detail(Display.release(d.release())));
            if (d.port() != null) {
                row.add(detail("port " + d.port()));
            }
            String usage = Display.usage(d.cpuPercent(), d.memoryBytes());
            if (usage != null) {
                row.add(detail(usage));
            }
            dynos.add(row);
        }
        latest.removeAll();
        Release current = s.releases().stream().filter(r -> Release.Status.CURRENT.is(r.status())).findFirst()
                .orElse(s.releases().isEmpty() ? null : s.releases().getFirst());
        if (current == null) {
            latest.add(new Paragraph("No release yet."));
        } else {
            latest.add(new Paragraph(new Span(Display.release(current.version()) + " "), Badge.of(current.status()),
                    new Span(" " + nz(current.description()) + " · by " + nz(current.createdBy()) + " · "
                            + Display.time(current.createdAt()))));
        }
        stats.removeAll();
        stats.add(stat("Releases", s.releases().size()), stat("Config vars", s.configVars()),
                stat("Domains", s.domains()), stat("Dynos", list.size()));
        // New process types (from a deploy meanwhile) get scaling controls too.
        if (s.ps().formation() != null && s.ps().formation().stream().anyMatch(f -> !counts.containsKey(f.type()))) {
            renderScaling(s.ps());
        }
    }

    private void renderScaling(Processes ps) {
        scaling.removeAll();
        counts.clear();
        List<FormationEntry> formation = new ArrayList<>(ps.formation() == null ? List.of() : ps.formation());
        if (formation.stream().noneMatch(f -> f.type().equals("web"))) {
            formation.addFirst(new FormationEntry("web", 0, null));
        }
        for (FormationEntry f : formation) {
            IntegerField count = new IntegerField(f.type() + " dynos");
            count.setId("scale-" + f.type() + "-count");
            count.setMin(0);
            count.setMax(100);
            count.setStepButtonsVisible(true);
            count.setValue(f.count());
            Button apply = new Button("Scale " + f.type());
            apply.addClickListener(e -> scale(f.type(), count, apply));
            apply.setId("scale-" + f.type());
            Div row = new Div(count, apply);
            row.addClassName("row");
            row.addClassName("form-row");
            counts.put(f.type(), count);
            scaling.add(row);
        }
        Button restart = new Button("Restart all dynos");
        restart.addClickListener(e -> Live.action(restart, () -> api.restart(app.name(), null),
                done -> Feedback.success("Restarted the dynos of " + app.name())));
        restart.setId("restart");
        scaling.add(restart);
    }

    private void scale(String type, IntegerField count, Button button) {
        Integer n = count.getValue();
        if (n == null || n < 0 || count.isInvalid()) {
            Feedback.error("Enter a dyno count of 0 or more.");
            return;
        }
        Live.action(button, () -> api.scale(app.name(), List.of(new FormationEntry(type, n, null))), ps -> {
            Feedback.success("Scaled " + type + " to " + n);
            renderScaling(ps);
        });
    }

    private static Span detail(String text) {
        Span s = new Span(text);
        s.addClassName("muted");
        return s;
    }

    private static Div stat(String label, Integer value) {
        Span v = new Span(value == null ? "\u2014" : Integer.toString(value));
        v.addClassName("stat-value");
        Span l = new Span(label);
        l.addClassName("fact-label");
        Div d = new Div(v, l);
        d.addClassName("stat");
        d.getElement().setAttribute("data-stat", label);
        return d;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
