package win.pvdify.admin;

import com.vaadin.flow.server.VaadinServlet;
import java.util.concurrent.ScheduledExecutorService;

/** The Vaadin servlet, carrying the settings and the background executor the views use (no global state). */
public final class AdminServlet extends VaadinServlet {
    private final transient AdminSettings settings;
    private final transient ScheduledExecutorService background;

    public AdminServlet(AdminSettings settings, ScheduledExecutorService background) {
        this.settings = settings;
        this.background = background;
    }

    @Override
    protected void servletInitialized() throws jakarta.servlet.ServletException {
        super.servletInitialized();
        // An exception in a click handler becomes a notification with its message, not a stack trace.
        getService().addSessionInitListener(init -> init.getSession().setErrorHandler(event -> {
            Throwable t = event.getThrowable();
            while (t.getCause() != null && !(t instanceof win.pvdify.api.client.ApiException)) {
                t = t.getCause();
            }
            String text = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (com.vaadin.flow.component.UI.getCurrent() != null) {
                com.vaadin.flow.component.notification.Notification n = com.vaadin.flow.component.notification
                        .Notification.show(text, 8000, com.vaadin.flow.component.notification.Notification.Position.BOTTOM_END);
                n.addThemeVariants(com.vaadin.flow.component.notification.NotificationVariant.LUMO_ERROR);
            }
            getServletContext().log("pvdify-admin: unhandled error: " + text);
        }));
    }

    public AdminSettings settings() {
        return settings;
    }

    public ScheduledExecutorService background() {
        return background;
    }

    /** The servlet serving the current request. */
    public static AdminServlet current() {
        return (AdminServlet) VaadinServlet.getCurrent();
    }
}
