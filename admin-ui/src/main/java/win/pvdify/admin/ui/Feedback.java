package win.pvdify.admin.ui;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import win.pvdify.api.client.ApiException;

/** Notifications for the user: API errors are shown with their message (never a stack trace). */
final class Feedback {
    private Feedback() {
    }

    static void success(String text) {
        Notification n = Notification.show(text, 5000, Notification.Position.BOTTOM_END);
        n.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        n.addClassName("pvdify-success");
    }

    static void error(String text) {
        Notification n = Notification.show(text, 8000, Notification.Position.BOTTOM_END);
        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
        n.addClassName("pvdify-error");
    }

    static void error(RuntimeException e) {
        error(message(e));
    }

    static String message(RuntimeException e) {
        if (e instanceof ApiException api) {
            String m = api.getMessage() == null ? "request failed" : api.getMessage();
            return api.status() > 0 ? m + " (HTTP " + api.status() + ")" : m;
        }
        return "unexpected error: " + e.getMessage();
    }
}
