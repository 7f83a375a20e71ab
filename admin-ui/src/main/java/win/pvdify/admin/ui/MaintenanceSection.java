package win.pvdify.admin.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import win.pvdify.api.Maintenance;
import win.pvdify.api.client.PvdifyClient;

/**
 * The Settings tab's maintenance switch: on, every host of the app answers 503 with the message (shown as text)
 * while its dynos keep running; deploys go on underneath, so off serves the newest release at once.
 */
final class MaintenanceSection extends Div {
    MaintenanceSection(PvdifyClient api, String app) {
        setId("maintenance");
        Maintenance now;
        try {
            now = api.maintenance(app);
        } catch (RuntimeException e) {
            add(new Paragraph(Feedback.message(e)));
            return;
        }
        boolean on = Boolean.TRUE.equals(now.enabled());
        Checkbox enabled = new Checkbox("Maintenance mode: every host answers 503 with this message; dynos keep "
                + "running", on);
        enabled.setId("maintenance-switch");
        TextArea message = new TextArea("Message (plain text)");
        message.setId("maintenance-message");
        message.setMaxLength(1000);
        message.setPlaceholder("This app is undergoing maintenance right now. Please check back soon.");
        message.setValue(now.message() == null ? "" : now.message());
        message.setWidthFull();
        IntegerField retryAfter = new IntegerField("Retry-After (s)");
        retryAfter.setId("maintenance-retry-after");
        retryAfter.setMin(1);
        retryAfter.setMax(86_400);
        retryAfter.setValue(now.retryAfter());
        Button apply = new Button(on ? "Update page" : "Apply");
        apply.setId("maintenance-apply");
        apply.addClickListener(e -> {
            boolean want = enabled.getValue();
            String text = message.getValue().strip();
            Live.action(apply, () -> api.setMaintenance(app, want
                    ? new Maintenance(true, text.isEmpty() ? null : text, retryAfter.getValue())
                    : new Maintenance(false, null, null)), done -> {
                        Feedback.success(app + (Boolean.TRUE.equals(done.enabled())
                                ? " is in maintenance mode" : " serves its dynos again"));
                        apply.setText(Boolean.TRUE.equals(done.enabled()) ? "Update page" : "Apply");
                    });
        });
        Div form = new Div(retryAfter, apply);
        form.addClassNames("row", "form-row");
        add(enabled, message, form);
    }
}
