package win.pvdify.admin.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import win.pvdify.admin.AdminServlet;
import win.pvdify.admin.SignedIn;
import win.pvdify.api.client.ApiException;

/**
 * Keeps a component live: while it is attached, fetches from the API every few seconds on the background
 * executor and pushes the result into the UI; stops when the component detaches.
 */
final class Live {
    private Live() {
    }

    static <T> void every(Component owner, int seconds, Supplier<T> fetch, Consumer<T> apply,
                          Consumer<RuntimeException> failed) {
        ScheduledFuture<?>[] running = new ScheduledFuture<?>[1];
        owner.addAttachListener(attach -> {
            UI ui = attach.getUI();
            ScheduledExecutorService background = AdminServlet.current().background();
            running[0] = background.scheduleWithFixedDelay(() -> {
                try {
                    T value = fetch.get();
                    push(ui, () -> apply.accept(value));
                } catch (ApiException e) {
                    if (e.status() == 401) {
                        // the token was revoked meanwhile: sign out instead of showing errors forever
                        push(ui, () -> {
                            ui.getSession().setAttribute(SignedIn.class, null);
                            ui.navigate(LoginView.class);
                        });
                    } else {
                        push(ui, () -> failed.accept(e));
                    }
                } catch (RuntimeException e) {
                    push(ui, () -> failed.accept(e));
                }
            }, seconds, seconds, TimeUnit.SECONDS);
        });
        owner.addDetachListener(detach -> {
            if (running[0] != null) {
                running[0].cancel(false);
            }
        });
    }

    /** Runs slow work (a deploy) off the request thread, then hands the result to the UI. */
    static <T> void once(UI ui, Supplier<T> work, Consumer<T> done, Consumer<RuntimeException> failed) {
        AdminServlet.current().background().execute(() -> {
            try {
                T value = work.get();
                push(ui, () -> done.accept(value));
            } catch (RuntimeException e) {
                push(ui, () -> failed.accept(e));
            }
        });
    }

    /**
     * An API call that may take a while (scale, rollback, config change, delete restart dynos): runs in the
     * background with the button disabled, then reports; errors become a notification with the API's message.
     */
    static <T> void action(com.vaadin.flow.component.button.Button button, Supplier<T> work, Consumer<T> done) {
        UI ui = UI.getCurrent();
        button.setEnabled(false);
        once(ui, work, value -> {
            button.setEnabled(true);
            done.accept(value);
        }, e -> {
            button.setEnabled(true);
            Feedback.error(e);
        });
    }

    /** ui.access that ignores a UI that went away meanwhile (tab closed, session expired). */
    static void push(UI ui, Runnable change) {
        try {
            ui.access(change::run);
        } catch (UIDetachedException e) {
            // nobody is looking any more
        }
    }
}
