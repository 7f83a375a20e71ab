package win.pvdify.addon;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The URL an attached app gets (and its masked form for display). Pure. */
public final class AddonUrl {
    private AddonUrl() {
    }

    /**
     * postgres://pvdify:PASSWORD@IP:5432/pvdify or redis://default:PASSWORD@IP:6379 (password URL-encoded). Redis
     * gets its ACL user "default" named: redis-cli 7.0 sends an empty user name as one and fails to log in.
     */
    public static String of(AddonKind kind, String password, String ip) {
        String pw = URLEncoder.encode(password, StandardCharsets.UTF_8);
        return switch (kind) {
            case POSTGRES -> "postgres://" + AddonContainers.PG_USER + ":" + pw + "@" + ip + ":" + kind.port() + "/"
                    + AddonContainers.PG_DB;
            case REDIS -> "redis://default:" + pw + "@" + ip + ":" + kind.port();
        };
    }

    /** The same with the password shown as ***** (info, dashboard). */
    public static String masked(AddonKind kind, String ip) {
        return of(kind, "*****", ip).replace("%2A", "*");
    }
}
