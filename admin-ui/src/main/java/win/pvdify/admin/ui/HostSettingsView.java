package win.pvdify.admin.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import java.util.List;
import win.pvdify.admin.Display;
import win.pvdify.admin.SignedIn;
import win.pvdify.api.DnsRecord;
import win.pvdify.api.DnsZone;
import win.pvdify.api.RegistryCredential;
import win.pvdify.api.client.PvdifyClient;

/**
 * `/settings`: the host's own settings that belong to no app. Registry logins (list, add, remove; a password is
 * sent once and never shown) and the Cloudflare zones the server's token can see (read-only, records on demand).
 */
@Route(value = "settings", layout = MainLayout.class)
@PageTitle("Settings · Pvdify")
public class HostSettingsView extends Div {
    private final Div registries = new Div();
    private final Div zones = new Div();

    public HostSettingsView() {
        addClassName("page");
        add(new H1("Settings"));
        SignedIn.current().ifPresent(s -> {
            if (!"admin".equals(s.whoami().kind())) {
                // A deploy token may not read these (403 from the API): say so instead of showing errors.
                add(new Paragraph("Registries and Cloudflare settings are for admin tokens."));
                return;
            }
            registries.setId("registries");
            registries.addClassName("rows");
            zones.setId("cloudflare-zones");
            zones.addClassName("rows");
            add(new H3("Private registries"), new Paragraph("Deploys pull images from these registries with "
                    + "the stored login. Passwords are stored encrypted and never shown again."), registries,
                    registryForm(s.api()), new H3("Cloudflare zones"), zones);
            loadRegistries(s.api());
            loadZones(s.api());
        });
    }

    private Div registryForm(PvdifyClient api) {
        TextField registry = new TextField("Registry");
        registry.setId("registry-host");
        registry.setPlaceholder("ghcr.io");
        TextField username = new TextField("Username");
        username.setId("registry-username");
        PasswordField password = new PasswordField("Password or token");
        password.setId("registry-password");
        Button add = new Button("Add login", e -> {
            String r = registry.getValue().trim();
            if (r.isEmpty()) {
                registry.setInvalid(true);
                registry.setErrorMessage("Enter a registry host, e.g. ghcr.io.");
                return;
            }
            try {
                RegistryCredential c = api.addRegistry(r, username.getValue().trim(), password.getValue());
                Feedback.success("Stored the login for " + c.registry());
                registry.clear();
                registry.setInvalid(false);
                username.clear();
                password.clear();
                loadRegistries(api);
            } catch (RuntimeException ex) {
                Feedback.error(ex);
            }
        });
        add.setId("registry-add");
        Div form = new Div(registry, username, password, add);
        form.addClassNames("row", "form-row");
        return form;
    }

    private void loadRegistries(PvdifyClient api) {
        registries.removeAll();
        List<RegistryCredential> list;
        try {
            list = api.registries();
        } catch (RuntimeException e) {
            registries.add(new Paragraph(Feedback.message(e)));
            return;
        }
        for (RegistryCredential c : list) {
            Span host = new Span(c.registry());
            host.addClassName("mono");
            Div row = new Div(host, new Span(c.username()), new Span("added " + Display.time(c.createdAt())));
            row.addClassName("row");
            row.getElement().setAttribute("data-registry", c.registry());
            Button remove = new Button("Remove", e -> {
                try {
                    api.removeRegistry(c.registry());
                    Feedback.success("Removed the login for " + c.registry());
                    loadRegistries(api);
                } catch (RuntimeException ex) {
                    Feedback.error(ex);
                }
            });
            remove.setAriaLabel("Remove the login for " + c.registry());
            remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            row.add(remove);
            registries.add(row);
        }
        if (list.isEmpty()) {
            registries.add(new Paragraph("No registry logins: public images need none."));
        }
    }

    private void loadZones(PvdifyClient api) {
        zones.removeAll();
        List<DnsZone> list;
        try {
            list = api.dnsZones();
        } catch (RuntimeException e) {
            // 409 when no Cloudflare token is configured: the API's message says how to set one
            zones.add(new Paragraph(Feedback.message(e)));
            return;
        }
        for (DnsZone z : list) {
            Div records = new Div();
            records.addClassName("rows");
            Details details = new Details(z.name() + " · " + z.status(), records);
            details.getElement().setAttribute("data-zone", z.name());
            // Records are fetched when a zone is opened: a large account has many zones and records.
            details.addOpenedChangeListener(e -> {
                if (e.isOpened() && records.getComponentCount() == 0) {
                    loadRecords(api, z, records);
                }
            });
            zones.add(details);
        }
        if (list.isEmpty()) {
            zones.add(new Paragraph("The Cloudflare token can see no zone."));
        }
    }

    private static void loadRecords(PvdifyClient api, DnsZone zone, Div into) {
        try {
            List<DnsRecord> list = api.dnsRecords(zone.id());
            for (DnsRecord r : list) {
                Span name = new Span(r.name());
                name.addClassName("mono");
                Span content = new Span(r.content());
                content.addClassName("mono");
                Div row = new Div(new Span(r.type()), name, content,
                        new Span(Boolean.TRUE.equals(r.proxied()) ? "proxied" : "DNS only"));
                row.addClassName("row");
                into.add(row);
            }
            if (list.isEmpty()) {
                into.add(new Paragraph("No records."));
            }
        } catch (RuntimeException e) {
            into.add(new Paragraph(Feedback.message(e)));
        }
    }
}
