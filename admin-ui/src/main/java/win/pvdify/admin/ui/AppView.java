package win.pvdify.admin.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import java.util.List;
import java.util.Optional;
import win.pvdify.admin.SignedIn;
import win.pvdify.api.App;

/** `/apps/{name}`: one app, with the tabs Overview, Deploy, Operations, Config, Settings, Logs and Run. */
@Route(value = "apps/:name", layout = MainLayout.class)
public class AppView extends Div implements BeforeEnterObserver, HasDynamicTitle {
    private static final List<String> TABS = List.of("overview", "deploy", "operations", "config", "settings",
            "logs", "run");
    private String name = "";

    public AppView() {
        addClassName("page");
    }

    @Override
    public String getPageTitle() {
        return name + " · Pvdify";
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Optional<SignedIn> signedIn = SignedIn.current();
        if (signedIn.isEmpty()) {
            return; // the layout forwards to the login page
        }
        name = event.getRouteParameters().get("name").orElse("");
        removeAll();
        App app;
        try {
            app = signedIn.get().api().app(name);
        } catch (RuntimeException e) {
            Paragraph p = new Paragraph(Feedback.message(e));
            p.addClassName("form-error");
            p.setId("app-error");
            add(new H1(name), p);
            return;
        }
        String wanted = event.getLocation().getQueryParameters().getSingleParameter("tab").orElse("overview");
        render(signedIn.get(), app, wanted);
    }

    private void render(SignedIn s, App app, String wanted) {
        H1 title = new H1(app.name());
        title.setId("app-title");
        Div head = new Div(title, Badge.of(app.status()));
        head.addClassName("page-head");
        head.setId("app-head");
        TabSheet tabs = new TabSheet();
        tabs.setId("app-tabs");
        tabs.setWidthFull();
        tabs.add(tab("Overview", "overview"), new OverviewTab(s.api(), app));
        tabs.add(tab("Deploy", "deploy"), new DeployTab(s.api(), app));
        tabs.add(tab("Operations", "operations"), new OperationsTab(s.api(), app));
        tabs.add(tab("Config", "config"), new ConfigTab(s.api(), app));
        tabs.add(tab("Settings", "settings"), new SettingsTab(s.api(), app));
        tabs.add(tab("Logs", "logs"), new LogsTab(s.api(), app));
        tabs.add(tab("Run", "run"), new RunTab(s.api(), app));
        int index = Math.max(0, TABS.indexOf(wanted));
        tabs.setSelectedIndex(index);
        tabs.addSelectedChangeListener(e -> getUI().ifPresent(ui -> ui.getPage().getHistory().replaceState(null,
                "apps/" + app.name() + "?tab=" + TABS.get(tabs.getSelectedIndex()))));
        add(head, tabs);
    }

    private static com.vaadin.flow.component.tabs.Tab tab(String label, String id) {
        com.vaadin.flow.component.tabs.Tab t = new com.vaadin.flow.component.tabs.Tab(label);
        t.setId("tab-" + id);
        return t;
    }
}
