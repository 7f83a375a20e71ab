package win.pvdify.admin.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.router.RouteParameters;
import java.util.ArrayList;
import java.util.List;
import win.pvdify.admin.Display;
import win.pvdify.admin.SignedIn;
import win.pvdify.api.App;
import win.pvdify.api.Processes;
import win.pvdify.api.client.ApiException;
import win.pvdify.api.client.PvdifyClient;

/** `/`: every app with its live status, current release, dyno counts and web URL. */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Apps · Pvdify")
public class DashboardView extends Div {
    private final Div cards = new Div();
    private final Paragraph problem = new Paragraph();

    record AppRow(App app, Processes ps) {
    }

    public DashboardView() {
        addClassName("page");
        Div head = new Div();
        head.addClassName("page-head");
        Button create = new Button("New app", e -> getUI().ifPresent(ui -> ui.navigate(NewAppView.class)));
        create.setId("new-app");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        head.add(new H1("Apps"), create);
        cards.addClassName("cards");
        cards.setId("apps");
        problem.addClassName("form-error");
        problem.setVisible(false);
        add(head, problem, cards);
        SignedIn.current().ifPresent(s -> {
            try {
                render(fetch(s.api()));
            } catch (RuntimeException e) {
                failed(e);
            }
            Live.every(this, 5, () -> fetch(s.api()), this::render, this::failed);
        });
    }

    private static List<AppRow> fetch(PvdifyClient api) {
        List<AppRow> rows = new ArrayList<>();
        for (App app : api.apps()) {
            Processes ps;
            try {
                ps = api.ps(app.name());
            } catch (ApiException e) {
                ps = new Processes(List.of(), List.of()); // deleted meanwhile, or not allowed for this token
            }
            rows.add(new AppRow(app, ps));
        }
        return rows;
    }

    private void failed(RuntimeException e) {
        problem.setText(Feedback.message(e));
        problem.setVisible(true);
    }

    private void render(List<AppRow> rows) {
        problem.setVisible(false);
        cards.removeAll();
        if (rows.isEmpty()) {
            cards.add(new Paragraph("No apps yet. Create one, or run `pvdify apps:create NAME`."));
            return;
        }
        for (AppRow row : rows) {
            cards.add(card(row));
        }
    }

    private static Div card(AppRow row) {
        App app = row.app();
        Div card = new Div();
        card.addClassName("card");
        card.getElement().setAttribute("data-app", app.name());
        RouterLink name = new RouterLink(app.name(), AppView.class, new RouteParameters("name", app.name()));
        name.addClassName("app-link");
        H2 title = new H2(name);
        Div top = new Div(title, Badge.of(app.status()));
        top.addClassName("card-top");
        card.add(top);
        card.add(fact("Environment", new Span(app.environment())));
        card.add(fact("Release", new Span(Display.release(app.currentRelease()))));
        Span dynos = new Span(Display.dynoCounts(row.ps().formation(), row.ps().dynos()));
        dynos.addClassName("dyno-counts");
        card.add(fact("Dynos", dynos));
        if (app.webUrl() != null) {
            Anchor url = new Anchor(app.webUrl(), app.webUrl());
            url.setTarget("_blank");
            card.add(fact("URL", url));
        }
        return card;
    }

    static Div fact(String label, com.vaadin.flow.component.Component value) {
        Span l = new Span(label);
        l.addClassName("fact-label");
        Div d = new Div(l, value);
        d.addClassName("fact");
        return d;
    }
}
