package win.pvdify.admin;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.shared.ui.Transport;
import com.vaadin.flow.theme.lumo.Lumo;

/**
 * App-wide page settings: server push for live dyno state and logs, Lumo plus our own stylesheet. Push goes
 * server-to-client over a websocket and client-to-server over plain requests (WEBSOCKET_XHR): sign-in renews the
 * session id, and only an HTTP response can give the browser the new cookie.
 */
@Push(transport = Transport.WEBSOCKET_XHR)
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet("pvdify.css")
public class AdminShell implements AppShellConfigurator {
    @Override
    public void configurePage(AppShellSettings settings) {
        settings.setPageTitle("Pvdify");
    }
}
