package win.pvdify.auth;

import java.util.regex.Pattern;
import win.pvdify.api.Token;

/**
 * What a token may do. Admin tokens may do everything. A deploy token is scoped to one app and may also act on
 * that app's preview apps (APP-pr-N, for the gh extension): read it, deploy, roll back, see releases, logs and
 * processes, restart. It may create its app or a preview app, and delete only preview apps. Config, domains,
 * scaling, app settings, tokens and registries stay with admins (like Heroku's CI tokens).
 */
public final class Access {
    private static final Pattern PREVIEW_SUFFIX = Pattern.compile("-pr-[0-9]{1,9}");

    private Access() {
    }

    public enum Action {
        READ_APP, CREATE_APP, DELETE_APP, UPDATE_APP, DEPLOY, ROLLBACK, READ_RELEASES, LOGS, READ_PS, RESTART,
        SCALE, READ_CONFIG, WRITE_CONFIG, DOMAINS, READ_DOMAINS, ADMIN,
        /** Start a one-off run: admins; a deploy token only on its own app, and only where the app allows it. */
        RUN
    }

    public static boolean allows(Caller caller, Action action, String app) {
        if (caller.isAdmin()) {
            return true;
        }
        if (caller.kind() != Token.Kind.DEPLOY || caller.app() == null || app == null) {
            return false;
        }
        boolean own = caller.app().equals(app);
        boolean preview = isPreviewOf(app, caller.app());
        if (!own && !preview) {
            return false;
        }
        return switch (action) {
            case READ_APP, CREATE_APP, DEPLOY, ROLLBACK, READ_RELEASES, LOGS, READ_PS, RESTART, READ_DOMAINS -> true;
            case DELETE_APP -> preview;
            default -> false;
        };
    }

    /**
     * Whether the caller may start a one-off run on app: admins always; a deploy token only on its own app (not
     * previews) and only when the app allows it (runs get every config var: off by default).
     */
    public static boolean allowsRun(Caller caller, String app, boolean appAllowsDeployTokens) {
        if (caller.isAdmin()) {
            return true;
        }
        return caller.kind() == Token.Kind.DEPLOY && app != null && app.equals(caller.app())
                && appAllowsDeployTokens;
    }

    static boolean isPreviewOf(String app, String base) {
        return app.startsWith(base) && PREVIEW_SUFFIX.matcher(app.substring(base.length())).matches();
    }
}
