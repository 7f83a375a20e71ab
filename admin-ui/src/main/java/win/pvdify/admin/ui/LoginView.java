package win.pvdify.admin.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinSession;
import win.pvdify.admin.AdminServlet;
import win.pvdify.admin.SignedIn;
import win.pvdify.api.Whoami;
import win.pvdify.api.client.ApiException;
import win.pvdify.api.client.PvdifyClient;

/** Sign in by pasting an API token; it is checked with GET /api/v1/whoami and kept in the server-side session. */
@Route("login")
@PageTitle("Sign in · Pvdify")
public class LoginView extends VerticalLayout {
    private final PasswordField token = new PasswordField("API token");
    private final Div error = new Div();

    public LoginView() {
        addClassName("login");
        setAlignItems(Alignment.STRETCH);
        H1 title = new H1("Pvdify");
        Paragraph hint = new Paragraph("Paste an admin token (printed by pvdifyd on its first start, "
                + "or create one with `pvdify tokens:create`).");
        token.setId("token");
        token.setRequired(true);
        token.setWidthFull();
        token.setAutofocus(true);
        error.setId("login-error");
        error.addClassName("form-error");
        error.getElement().setAttribute("role", "alert");
        error.setVisible(false);
        Button signIn = new Button("Sign in", e -> signIn());
        signIn.setId("sign-in");
        signIn.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        signIn.addClickShortcut(Key.ENTER);
        add(title, hint, token, error, signIn);
    }

    private void signIn() {
        String value = token.getValue().trim();
        if (value.isEmpty()) {
            fail("Enter a token.");
            return;
        }
        PvdifyClient api = new PvdifyClient(AdminServlet.current().settings().apiUrl(), value);
        try {
            Whoami whoami = api.whoami();
            renewSessionId();
            new SignedIn(api, whoami).store(VaadinSession.getCurrent());
            token.clear();
            getUI().ifPresent(ui -> ui.navigate(DashboardView.class));
        } catch (RuntimeException e) {
            fail(e instanceof ApiException a && a.status() == 401
                    ? "That token was not accepted: " + a.getMessage()
                    : Feedback.message(e));
        }
    }

    /** A new session id at sign-in: an id planted in the browser before it (session fixation) is worth nothing. */
    private static void renewSessionId() {
        if (VaadinRequest.getCurrent() instanceof VaadinServletRequest request) {
            request.getHttpServletRequest().changeSessionId();
        }
    }

    private void fail(String text) {
        error.setText(text);
        error.setVisible(true);
        token.setInvalid(true);
        token.focus();
    }
}
