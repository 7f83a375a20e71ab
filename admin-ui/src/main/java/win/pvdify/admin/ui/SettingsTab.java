package win.pvdify.admin.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import win.pvdify.admin.Display;
import win.pvdify.api.AddDomain;
import win.pvdify.api.App;
import win.pvdify.api.Domain;
import win.pvdify.api.Healthcheck;
import win.pvdify.api.StatusCheck;
import win.pvdify.api.UpdateApp;
import win.pvdify.api.client.ApiException;
import win.pvdify.api.client.PvdifyClient;

/** Settings: metadata and timestamps, port and health check, domains (optionally in Cloudflare), maintenance, delete. */
final class SettingsTab extends Div {
    private final PvdifyClient api;
    private final App app;
    private final Div domains = new Div();
    private final boolean cloudflare;

    SettingsTab(PvdifyClient api, App app) {
        this.api = api;
        this.app = app;
        this.cloudflare = cloudflareConfigured(api);
        addClassName("tab-body");
        Div meta = new Div();
        meta.setId("metadata");
        meta.addClassName("facts");
        meta.add(DashboardView.fact("Name", new Span(app.name())),
                DashboardView.fact("Environment", new Span(app.environment())),
                DashboardView.fact("Status", Badge.of(app.status())),
                DashboardView.fact("Image", new Span(app.image() == null ? "-" : app.image())),
                DashboardView.fact("Current release", new Span(Display.release(app.currentRelease()))),
                DashboardView.fact("Web URL", new Span(app.webUrl() == null ? "-" : app.webUrl())),
                DashboardView.fact("Created", new Span(Display.time(app.createdAt()))),
                DashboardView.fact("Updated", new Span(Display.time(app.updatedAt()))));
        domains.setId("domains");
        domains.addClassName("rows");
        add(new H3("App"), meta, new H3("Port and health check"), runtimeForm(), new H3("Domains"), domains,
                domainForm(), new H3("Maintenance"), new MaintenanceSection(api, app.name()),
                new H3("Export to Kubernetes"), exportSection(), new H3("Danger zone"),
                dangerZone());
        loadDomains();
    }

    private static boolean cloudflareConfigured(PvdifyClient api) {
        try {
            return api.status().checks().stream().anyMatch(c -> "cloudflare".equals(c.name())
                    && !StatusCheck.NOT_CONFIGURED.equals(c.state()));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private Div runtimeForm() {
        Healthcheck hc = app.healthcheck() == null ? new Healthcheck(null, null, null, null) : app.healthcheck();
        IntegerField port = new IntegerField("Bind port");
        port.setId("bind-port");
        port.setMin(1);
        port.setMax(65535);
        port.setValue(app.bindPort());
        port.setHelperText("The port the image listens on (also passed as PORT). Like the health check, it "
                + "applies from the next deploy or restart.");
        TextField path = new TextField("Health check path");
        path.setId("health-path");
        path.setPlaceholder("/health (empty: the port accepts connections)");
        path.setValue(hc.path() == null ? "" : hc.path());
        IntegerField interval = seconds("Interval (s)", hc.interval());
        IntegerField timeout = seconds("Timeout (s)", hc.timeout());
        IntegerField retries = seconds("Retries", hc.retries());
        Button save = new Button("Save", e -> {
            try {
                String p = path.getValue().trim();
                api.updateApp(app.name(), new UpdateApp(port.getValue(), null,
                        new Healthcheck(p.isEmpty() ? null : p, interval.getValue(), timeout.getValue(),
                                retries.getValue(), hc.status(), hc.body(), hc.host(), hc.initialDelay(),
                                hc.deployTimeout()), null, null)); // keeps what `pvdify checks:set` set
                Feedback.success("Saved settings of " + app.name() + "; they apply from the next deploy or restart");
            } catch (RuntimeException ex) {
                Feedback.error(ex);
            }
        });
        save.setId("save-settings");
        Div form = new Div(port, path, interval, timeout, retries, save);
        form.addClassNames("row", "form-row");
        return form;
    }

    private static IntegerField seconds(String label, Integer value) {
        IntegerField f = new IntegerField(label);
        f.setMin(0);
        f.setValue(value);
        return f;
    }

    private Div domainForm() {
        TextField hostname = new TextField("Custom domain");
        hostname.setId("domain-hostname");
        hostname.setPlaceholder("www.example.com");
        hostname.setValueChangeMode(ValueChangeMode.EAGER);
        Checkbox connect = new Checkbox("Connect to Cloudflare (create the DNS record)");
        connect.setId("domain-cloudflare");
        Checkbox proxied = new Checkbox("Proxied through Cloudflare");
        proxied.setId("domain-proxied");
        connect.setVisible(cloudflare);
        proxied.setVisible(false);
        connect.addValueChangeListener(e -> proxied.setVisible(e.getValue()));
        Button add = new Button("Add domain", e -> {
            String h = hostname.getValue().trim();
            if (h.isEmpty()) {
                hostname.setInvalid(true);
                hostname.setErrorMessage("Enter a hostname.");
                return;
            }
            try {
                Domain d = api.addDomain(app.name(), new AddDomain(h, cloudflare && connect.getValue() ? true : null,
                        cloudflare && connect.getValue() ? proxied.getValue() : null));
                Feedback.success("Added " + d.hostname() + (d.dnsRecordId() != null ? " (DNS record created)" : ""));
                hostname.clear();
                hostname.setInvalid(false);
                loadDomains();
            } catch (RuntimeException ex) {
                Feedback.error(ex);
            }
        });
        add.setId("domain-add");
        Div form = new Div(hostname, connect, proxied, add);
        form.addClassNames("row", "form-row");
        return form;
    }

    private void loadDomains() {
        domains.removeAll();
        List<Domain> list;
        try {
            list = api.domains(app.name());
        } catch (RuntimeException e) {
            domains.add(new Paragraph(Feedback.message(e)));
            return;
        }
        for (Domain d : list) {
            Span host = new Span(d.hostname());
            host.addClassName("mono");
            Div row = new Div(host, Badge.of(d.kind()));
            row.addClassName("row");
            row.getElement().setAttribute("data-domain", d.hostname());
            if (d.dnsRecordId() != null) {
                row.add(new Span(Boolean.TRUE.equals(d.proxied()) ? "Cloudflare (proxied)" : "Cloudflare (DNS only)"));
            }
            if (!Domain.Kind.DEFAULT.is(d.kind())) {
                Button remove = new Button("Remove", e -> {
                    try {
                        api.removeDomain(app.name(), d.hostname());
                        Feedback.success("Removed " + d.hostname());
                        loadDomains();
                    } catch (RuntimeException ex) {
                        Feedback.error(ex);
                    }
                });
                remove.setAriaLabel("Remove " + d.hostname());
                remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
                row.add(remove);
            }
            domains.add(row);
        }
        if (list.isEmpty()) {
            domains.add(new Paragraph("No domains."));
        }
    }

    /**
     * Downloads of the current release as Kubernetes manifests (GET /apps/{name}/export): without secrets, or with
     * config values and registry passwords (this dashboard signs in with an admin token). Fetched when clicked.
     */
    private Div exportSection() {
        Div box = new Div();
        box.setId("export");
        Anchor plain = new Anchor(download(false), AttachmentType.DOWNLOAD, "Kubernetes manifests (YAML)");
        plain.setId("export-kube");
        Anchor secrets = new Anchor(download(true), AttachmentType.DOWNLOAD, "with secrets");
        secrets.setId("export-kube-secrets");
        box.add(new Paragraph("The current release as a Namespace, its config Secret, a Deployment per process"
                + " type, Service and Ingress for web and CronJobs; without secrets the config Secret names the keys"
                + " with empty values. Apply with kubectl apply --server-side -f FILE."), plain, new Span(" · "),
                secrets);
        return box;
    }

    private DownloadHandler download(boolean includeSecrets) {
        String name = app.name();
        return DownloadHandler.fromInputStream(event -> {
            try {
                byte[] yaml = api.exportKube(name, includeSecrets, null).getBytes(StandardCharsets.UTF_8);
                event.getResponse().setHeader("Cache-Control", "no-store"); // it may hold secrets
                return new DownloadResponse(new ByteArrayInputStream(yaml),
                        name + (includeSecrets ? ".kube-secrets.yaml" : ".kube.yaml"), "application/yaml",
                        yaml.length);
            } catch (ApiException e) {
                return DownloadResponse.error(e.status() >= 400 && e.status() < 600 ? e.status() : 502,
                        e.getMessage());
            }
        });
    }

    private Div dangerZone() {
        TextField confirm = new TextField("Type " + app.name() + " to confirm");
        confirm.setId("delete-confirm");
        confirm.setValueChangeMode(ValueChangeMode.EAGER);
        Button delete = new Button("Delete app");
        delete.setId("delete-app");
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        delete.setEnabled(false);
        confirm.addValueChangeListener(e -> delete.setEnabled(app.name().equals(e.getValue().trim())));
        delete.addClickListener(e -> {
            if (!app.name().equals(confirm.getValue().trim())) {
                return;
            }
            Live.action(delete, () -> {
                api.deleteApp(app.name());
                return app.name();
            }, deleted -> {
                Feedback.success("Deleted " + deleted);
                getUI().ifPresent(ui -> ui.navigate(DashboardView.class));
            });
        });
        Paragraph warn = new Paragraph("Deleting stops every dyno and removes the app's releases, config vars "
                + "and domains. This cannot be undone.");
        confirm.setWidthFull();
        Div zone = new Div(warn, confirm, delete);
        zone.addClassName("danger");
        return zone;
    }
}
