package win.pvdify.admin.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import java.util.List;
import win.pvdify.admin.Display;
import win.pvdify.api.App;
import win.pvdify.api.DeployRequest;
import win.pvdify.api.Operation;
import win.pvdify.api.Release;
import win.pvdify.api.client.OperationFollow;
import win.pvdify.api.client.PvdifyClient;

/**
 * Deploy: CLI instructions, a deploy form whose progress is the deploy operation's events, the full release
 * history with one-click rollback.
 */
final class DeployTab extends Div {
    private final PvdifyClient api;
    private final App app;
    private final Div history = new Div();
    private final Pre progress = new Pre();
    private final TextField image = new TextField("Image");
    private final Button deploy = new Button("Deploy");
    /** The deploy being followed, if any: closed when the tab goes away (the deploy itself goes on). */
    private volatile OperationFollow following;

    DeployTab(PvdifyClient api, App app) {
        this.api = api;
        this.app = app;
        addClassName("tab-body");
        Pre cli = new Pre("pvdify deploy " + app.name() + " --image IMAGE\n"
                + "pvdify releases " + app.name() + "\n"
                + "pvdify rollback " + app.name() + " [VERSION]\n\n"
                + "# from GitHub Actions, with an app-scoped deploy token:\n"
                + "gh pvdify deploy " + app.name() + " --image ghcr.io/OWNER/REPO:SHA");
        cli.addClassName("code");
        image.setId("deploy-image");
        image.setPlaceholder("registry.example.com/team/app:1.2.3");
        image.setWidthFull();
        deploy.setId("deploy");
        deploy.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        deploy.addClickListener(e -> deploy());
        Div form = new Div(image, deploy);
        form.addClassNames("row", "form-row");
        progress.setId("deploy-progress");
        progress.addClassName("code");
        progress.setVisible(false);
        history.setId("releases");
        history.addClassName("rows");
        addDetachListener(e -> {
            OperationFollow f = following;
            if (f != null) {
                f.close();
            }
        });
        add(new H3("Deploy from the command line"), cli, new H3("Deploy an image"), form, progress,
                new H3("Releases"), history);
        refresh();
    }

    private void refresh() {
        history.removeAll();
        List<Release> releases;
        try {
            releases = api.releases(app.name());
        } catch (RuntimeException e) {
            history.add(new Paragraph(Feedback.message(e)));
            return;
        }
        if (releases.isEmpty()) {
            history.add(new Paragraph("No releases yet."));
        }
        releases.stream().sorted((a, b) -> Integer.compare(b.version(), a.version())).forEach(r -> history.add(row(r)));
    }

    private Div row(Release r) {
        Div row = new Div();
        row.addClassNames("row", "release");
        row.getElement().setAttribute("data-release", Integer.toString(r.version()));
        Span version = new Span("v" + r.version());
        version.addClassName("mono");
        Span description = new Span(r.description() == null ? "" : r.description());
        description.addClassName("release-description");
        Span by = new Span("by " + (r.createdBy() == null ? "?" : r.createdBy()) + " · " + Display.time(r.createdAt()));
        by.addClassName("muted");
        row.add(version, Badge.of(r.status()), description, by);
        if (r.failureReason() != null) {
            Span why = new Span(r.failureReason());
            why.addClassNames("muted", "failure");
            row.add(why);
        }
        if (!"current".equals(r.status()) && !"failed".equals(r.status())) {
            Button rollback = new Button("Roll back to v" + r.version(), e -> confirmRollback(r.version()));
            rollback.setId("rollback-" + r.version());
            rollback.addThemeVariants(ButtonVariant.LUMO_SMALL);
            row.add(rollback);
        }
        return row;
    }

    private void confirmRollback(int version) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setHeader("Roll back " + app.name() + " to v" + version + "?");
        dialog.setText("A new release is made with the image and config vars of v" + version
                + "; the dynos restart with it.");
        dialog.setCancelable(true);
        dialog.setConfirmText("Roll back");
        dialog.addConfirmListener(e -> {
            UI ui = UI.getCurrent();
            Live.once(ui, () -> api.rollback(app.name(), version), r -> {
                Feedback.success("Rolled back to v" + version + ": new release v" + r.version());
                refresh();
            }, ex -> {
                Feedback.error(ex);
                refresh();
            });
        });
        dialog.open();
    }

    private void deploy() {
        String ref = image.getValue().trim();
        if (ref.isEmpty()) {
            image.setInvalid(true);
            image.setErrorMessage("Enter an image reference.");
            return;
        }
        image.setInvalid(false);
        deploy.setEnabled(false);
        progress.setText("Deploying " + ref + " …\n");
        progress.setVisible(true);
        UI ui = UI.getCurrent();
        Live.once(ui, () -> {
            Operation op = api.startDeploy(app.name(), new DeployRequest(ref, null));
            Live.push(ui, () -> progress.setText(progress.getText() + "operation #" + op.id() + "\n"));
            // follows the operation's events (re-attaching after a dropped stream); leaving the page stops
            // following, never the deploy
            OperationFollow follow = api.operationFollow(op.id(), 0, ev -> Live.push(ui, () ->
                    progress.setText(progress.getText() + ev.stage()
                            + (ev.message() == null ? "" : ": " + ev.message()) + "\n")));
            following = follow;
            try {
                Operation ended = follow.run();
                return ended == null ? op : ended;
            } finally {
                following = null;
            }
        }, ended -> {
            deploy.setEnabled(true);
            switch (ended.state()) {
                case "succeeded" -> Feedback.success("Deployed " + ref + " as v" + ended.release());
                case "cancelled" -> Feedback.error("Deploy of " + ref + " was cancelled; the previous release "
                        + "keeps serving");
                case "failed" -> Feedback.error("Deploy failed" + (ended.release() == null ? "" : ": v"
                        + ended.release()) + (ended.error() == null ? "" : " — " + ended.error()));
                default -> { } // no longer followed (the page went away)
            }
            refresh();
        }, e -> {
            deploy.setEnabled(true);
            Feedback.error(e);
            refresh();
        });
    }
}
