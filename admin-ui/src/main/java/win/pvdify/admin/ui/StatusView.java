package win.pvdify.admin.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import win.pvdify.admin.SignedIn;
import win.pvdify.api.StatusCheck;
import win.pvdify.api.SystemStatus;

/** `/status`: the daemon's own checks (api, database, podman, systemd, caddy, cloudflare, disk), live. */
@Route(value = "status", layout = MainLayout.class)
@PageTitle("Status · Pvdify")
public class StatusView extends Div {
    private final Div summary = new Div();
    private final Div checks = new Div();

    public StatusView() {
        addClassName("page");
        summary.setId("status-summary");
        summary.addClassName("row");
        checks.setId("checks");
        checks.addClassName("cards");
        add(new H1("System status"), summary, checks);
        SignedIn.current().ifPresent(s -> {
            if (!"admin".equals(s.whoami().kind())) {
                // /status is for admin tokens only: it calls Podman, Caddy and Cloudflare
                summary.add(new Span("System status is shown to admin tokens only."));
                return;
            }
            try {
                render(s.api().status());
            } catch (RuntimeException e) {
                failed(e);
            }
            Live.every(this, 10, () -> s.api().status(), this::render, this::failed);
        });
    }

    private void failed(RuntimeException e) {
        summary.removeAll();
        Span msg = new Span(Feedback.message(e));
        msg.addClassName("form-error");
        summary.add(Badge.of("down"), msg);
    }

    private void render(SystemStatus status) {
        summary.removeAll();
        summary.add(new Span("Overall"), Badge.of(status.state()),
                new Span("pvdifyd " + (status.version() == null ? "" : status.version())
                        + (status.supervisor() == null ? "" : " · supervisor: " + status.supervisor())));
        checks.removeAll();
        for (StatusCheck c : status.checks()) {
            Div card = new Div();
            card.addClassName("card");
            card.getElement().setAttribute("data-check", c.name());
            Div top = new Div(new Span(c.name()), Badge.of(c.state()));
            top.addClassName("card-top");
            card.add(top, new Paragraph(c.detail() == null ? "" : c.detail()));
            checks.add(card);
        }
    }
}
