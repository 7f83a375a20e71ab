package win.pvdify.admin;

import org.eclipse.jetty.server.Server;

/** pvdify-admin: the dashboard process. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(AdminSettings.USAGE);
            return;
        }
        AdminSettings settings;
        try {
            settings = AdminSettings.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("pvdify-admin: " + e.getMessage());
            System.err.print(AdminSettings.USAGE);
            System.exit(2);
            return;
        }
        Server server = AdminServer.start(settings);
        System.out.println("pvdify-admin listening on http://" + settings.host() + ":" + AdminServer.port(server)
                + " (API " + settings.apiUrl() + ")");
        server.join();
    }
}
