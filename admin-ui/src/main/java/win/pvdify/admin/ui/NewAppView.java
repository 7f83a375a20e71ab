package win.pvdify.admin.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import win.pvdify.admin.SignedIn;
import win.pvdify.api.App;
import win.pvdify.api.CreateApp;

/** `/apps/new`: name and environment; the API validates (its message is shown under the form). */
@Route(value = "apps/new", layout = MainLayout.class)
@PageTitle("New app · Pvdify")
public class NewAppView extends Div {
    private final TextField name = new TextField("App name");
    private final Select<String> environment = new Select<>();
    private final Div error = new Div();

    public NewAppView() {
        addClassName("page");
        name.setId("app-name");
        name.setHelperText("Lowercase letters, digits and dashes; starts with a letter (it becomes a DNS name).");
        name.setRequired(true);
        name.setAutofocus(true);
        name.setMaxLength(30);
        environment.setId("app-environment");
        environment.setLabel("Environment");
        environment.setItems("production", "staging");
        environment.setValue("production");
        error.setId("create-error");
        error.addClassName("form-error");
        error.getElement().setAttribute("role", "alert");
        error.setVisible(false);
        Button create = new Button("Create app", e -> create());
        create.setId("create-app");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickShortcut(Key.ENTER);
        Div form = new Div(name, environment, error, create);
        form.addClassName("form");
        add(new H1("New app"), form);
    }

    private void create() {
        SignedIn.current().ifPresent(s -> {
            try {
                App app = s.api().createApp(new CreateApp(name.getValue().trim(), environment.getValue()));
                Feedback.success("Created " + app.name());
                getUI().ifPresent(ui -> ui.navigate(AppView.class, new RouteParameters("name", app.name())));
            } catch (RuntimeException e) {
                error.setText(Feedback.message(e));
                error.setVisible(true);
                name.setInvalid(true);
                name.focus();
            }
        });
    }
}
