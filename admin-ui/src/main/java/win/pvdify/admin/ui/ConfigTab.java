package win.pvdify.admin.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import win.pvdify.admin.Display;
import win.pvdify.api.App;
import win.pvdify.api.ConfigVars;
import win.pvdify.api.client.ApiException;
import win.pvdify.api.client.PvdifyClient;

/** Config: values masked until shown, one at a time; add, edit, remove; each change names its new release. */
final class ConfigTab extends Div {
    private final PvdifyClient api;
    private final App app;
    private final Div vars = new Div();
    private final TextField key = new TextField("Key");
    private final TextArea value = new TextArea("Value");

    ConfigTab(PvdifyClient api, App app) {
        this.api = api;
        this.app = app;
        addClassName("tab-body");
        vars.setId("config-vars");
        vars.addClassName("rows");
        key.setId("config-key");
        key.setPlaceholder("DATABASE_URL");
        value.setId("config-value");
        value.setWidthFull();
        Button add = new Button("Set");
        add.addClickListener(e -> set(key.getValue().trim(), value.getValue(), add, () -> {
            key.clear();
            value.clear();
            key.setInvalid(false);
        }));
        add.setId("config-add");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Div form = new Div(key, value, add);
        form.addClassNames("row", "form-row");
        add(new H3("Config vars"), vars, new H3("Add a config var"), form);
        load(() -> api.config(app.name()));
    }

    private void load(Supplier<ConfigVars> call) {
        ConfigVars config;
        try {
            config = call.get();
        } catch (ApiException e) {
            if (e.status() == 403) {
                // a deploy token: config stays with admins, which is no error on this page
                vars.removeAll();
                vars.add(new Paragraph("Config vars are read and changed with an admin token."));
                return;
            }
            Feedback.error(e);
            return;
        } catch (RuntimeException e) {
            Feedback.error(e);
            return;
        }
        vars.removeAll();
        if (config.vars() == null || config.vars().isEmpty()) {
            vars.add(new Paragraph("No config vars."));
            return;
        }
        new TreeMap<>(config.vars()).forEach((k, v) -> vars.add(row(k, v)));
    }

    private Div row(String k, String v) {
        Span name = new Span(k);
        name.addClassNames("mono", "config-key");
        Span shown = new Span(Display.masked(v));
        shown.addClassNames("mono", "config-value");
        Button toggle = new Button("Show");
        toggle.addClassName("config-toggle");
        toggle.setAriaLabel("Show " + k);
        toggle.addThemeVariants(ButtonVariant.LUMO_SMALL);
        toggle.addClickListener(e -> {
            boolean hidden = toggle.getText().equals("Show");
            shown.setText(hidden ? v : Display.masked(v));
            toggle.setText(hidden ? "Hide" : "Show");
            toggle.setAriaLabel((hidden ? "Hide " : "Show ") + k);
        });
        Button edit = new Button("Edit", e -> edit(k, v));
        edit.setAriaLabel("Edit " + k);
        edit.addThemeVariants(ButtonVariant.LUMO_SMALL);
        Button remove = new Button("Remove", e -> confirmRemove(k));
        remove.setAriaLabel("Remove " + k);
        remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
        Div row = new Div(name, shown, toggle, edit, remove);
        row.addClassNames("row", "config-row");
        row.getElement().setAttribute("data-key", k);
        return row;
    }

    private void edit(String k, String current) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Edit " + k);
        TextArea field = new TextArea("Value");
        field.setValue(current);
        field.setWidthFull();
        field.setId("config-edit-value");
        Button save = new Button("Save");
        save.addClickListener(e -> set(k, field.getValue(), save, dialog::close));
        save.setId("config-edit-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(field);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    private void confirmRemove(String k) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setHeader("Remove " + k + "?");
        dialog.setText("This makes a new release and restarts the dynos.");
        dialog.setCancelable(true);
        dialog.setConfirmText("Remove");
        dialog.addConfirmListener(e -> Live.once(UI.getCurrent(), () -> api.unsetConfig(app.name(), k), after -> {
            Feedback.success("Removed " + k + releaseNote(after));
            load(() -> after);
        }, Feedback::error));
        dialog.open();
    }

    private void set(String k, String v, Button button, Runnable afterSuccess) {
        if (k.isEmpty()) {
            key.setInvalid(true);
            key.setErrorMessage("Enter a key.");
            return;
        }
        Live.action(button, () -> api.setConfig(app.name(), Map.of(k, v)), after -> {
            Feedback.success("Set " + k + releaseNote(after));
            afterSuccess.run();
            load(() -> after);
        });
    }

    private static String releaseNote(ConfigVars after) {
        return after.release() == null ? " (no change, no new release)" : " · new release v" + after.release().version();
    }
}
