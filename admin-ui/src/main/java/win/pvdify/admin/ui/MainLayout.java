package win.pvdify.admin.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.server.VaadinSession;
import win.pvdify.admin.SignedIn;

/** The frame of every signed-in page; also the route guard: without a signed-in user, go to the login page. */
public class MainLayout extends AppLayout implements BeforeEnterObserver {
    private final Span who = new Span();

    public MainLayout() {
        setPrimarySection(Section.NAVBAR);
        DrawerToggle toggle = new DrawerToggle();
        toggle.setAriaLabel("Menu");
        Anchor title = new Anchor("", "Pvdify");
        title.addClassName("brand");
        who.addClassName("who");
        Button logout = new Button("Sign out", e -> signOut());
        logout.setId("logout");
        HorizontalLayout bar = new HorizontalLayout(toggle, title, who, logout);
        bar.setWidthFull();
        bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        bar.expand(who);
        bar.addClassName("navbar");
        addToNavbar(bar);

        SideNav nav = new SideNav();
        nav.addItem(new SideNavItem("Apps", DashboardView.class));
        nav.addItem(new SideNavItem("New app", NewAppView.class));
        nav.addItem(new SideNavItem("Status", StatusView.class));
        nav.addItem(new SideNavItem("Settings", HostSettingsView.class));
        nav.setLabel("Navigation");
        addToDrawer(nav);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        SignedIn.current().ifPresentOrElse(
                s -> who.setText(s.label()),
                () -> event.forwardTo(LoginView.class));
    }

    private void signOut() {
        VaadinSession session = VaadinSession.getCurrent();
        UI ui = UI.getCurrent();
        session.setAttribute(SignedIn.class, null);
        ui.getPage().setLocation("login");
        session.getSession().invalidate();
    }
}
