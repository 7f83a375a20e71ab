package win.pvdify.admin;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.theme.lumo.Lumo;

/** App-wide page settings: server push for live dyno state and logs, Lumo plus our own stylesheet. */
@Push
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet("pvdify.css")
public class AdminShell implements AppShellConfigurator {
    @Override
    public void configurePage(AppShellSettings settings) {
        settings.setPageTitle("Pvdify");
    }
}
