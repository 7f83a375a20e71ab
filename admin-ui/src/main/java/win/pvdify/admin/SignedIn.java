package win.pvdify.admin;

import com.vaadin.flow.server.VaadinSession;
import java.util.Optional;
import win.pvdify.api.Whoami;
import win.pvdify.api.client.PvdifyClient;

/** The signed-in user of one Vaadin session: the token lives only here, on the server, inside the client. */
public record SignedIn(PvdifyClient api, Whoami whoami) {

    public static Optional<SignedIn> of(VaadinSession session) {
        return session == null ? Optional.empty() : Optional.ofNullable(session.getAttribute(SignedIn.class));
    }

    public static Optional<SignedIn> current() {
        return of(VaadinSession.getCurrent());
    }

    public void store(VaadinSession session) {
        session.setAttribute(SignedIn.class, this);
    }

    public String label() {
        return whoami.app() != null ? whoami.kind() + " token (" + whoami.app() + ")" : whoami.kind() + " token";
    }
}
