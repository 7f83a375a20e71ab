package win.pvdify.auth;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import win.pvdify.api.Token;

/**
 * What a token may do. Admin tokens may do everything. A deploy token is scoped to one app and may also act on
 * that app's preview apps (APP-pr-N, for the gh extension): read it, deploy, roll back, see releases, logs and
 * processes, restart. It may create its app or a preview app, and delete only preview apps. A preview token
 * has the same rights on the preview apps of its app and none on the app itself, so a pull-request workflow
 * never holds a token that can deploy production. Config, domains, scaling, app settings, tokens and
 * registries stay with admins (like Heroku's CI tokens).
 */
public final class Access {
    private static final Pattern PREVIEW = Pattern.compile("(.+)-pr-([0-9]{1,9})");
    /** App names are at most 30 characters (AppName); a long base is shortened to fit its suffix. */
    private static final int MAX_APP_NAME = 30;

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
        if (caller.app() == null || app == null) {
            return false;
        }
        boolean preview = isPreviewOf(app, caller.app());
        boolean own = switch (caller.kind()) {
            case DEPLOY -> caller.app().equals(app);
            case PREVIEW -> false;
            case ADMIN -> true;
        };
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

    /**
     * Whether app is a preview app of base: the name the gh extension gives pull request N, base-pr-N, with base
     * shortened (and its trailing '-' dropped) when the whole would exceed 30 characters.
     */
    public static boolean isPreviewOf(String app, String base) {
        Matcher m = PREVIEW.matcher(app);
        return m.matches() && app.equals(previewName(base, m.group(2)));
    }

    /** The preview app of base for pull request number pr (as the gh extension names it). */
    public static String previewName(String base, String pr) {
        String suffix = "-pr-" + pr;
        String b = base.substring(0, Math.max(0, Math.min(base.length(), MAX_APP_NAME - suffix.length())));
        while (b.endsWith("-")) {
            b = b.substring(0, b.length() - 1);
        }
        return b + suffix;
    }

    /** A token of this kind needs an app scope. */
    public static boolean scoped(Token.Kind kind) {
        return kind != Token.Kind.ADMIN;
    }
}
