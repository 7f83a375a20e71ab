package win.pvdify.admin;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.ee11.webapp.Configuration;
import org.eclipse.jetty.ee11.webapp.MetaInfConfiguration;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.ee11.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.resource.ResourceFactory;

/** The embedded Jetty 12 (ee11) that serves the Vaadin app. */
public final class AdminServer {
    private AdminServer() {
    }

    public static Server start(AdminSettings settings) throws Exception {
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        HostPrefixedSessions sessions = new HostPrefixedSessions();
        http.addCustomizer(new DashboardHeaders());
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        server.addConnector(connector);

        ScheduledExecutorService background = Executors.newScheduledThreadPool(4, r -> {
            Thread t = new Thread(r, "pvdify-admin-background");
            t.setDaemon(true);
            return t;
        });

        WebAppContext context = new WebAppContext();
        context.setSessionHandler(sessions);
        context.setContextPath("/");
        context.setBaseResource(ResourceFactory.of(context).newClassLoaderResource("/webapp"));
        // Vaadin finds its routes and services by annotation scanning of every jar on the class path.
        context.setAttribute(MetaInfConfiguration.CONTAINER_JAR_PATTERN, ".*\\.jar|.*/classes/.*");
        context.setConfigurationDiscovered(true);
        context.getConfigurations().add(new ManifestClassPathConfiguration());
        context.getSessionHandler().setMaxInactiveInterval((int) settings.sessionTimeout().toSeconds());
        context.getSessionHandler().setHttpOnly(true);
        context.getSessionHandler().setSameSite(org.eclipse.jetty.http.HttpCookie.SameSite.STRICT);

        ServletHolder vaadin = new ServletHolder("vaadin", new AdminServlet(settings, background));
        vaadin.setAsyncSupported(true);
        // Heartbeats must not keep an idle session alive: the session timeout is the sign-out.
        vaadin.setInitParameter("closeIdleSessions", "true");
        vaadin.setInitOrder(1);
        context.addServlet(vaadin, "/*");
        JakartaWebSocketServletContainerInitializer.configure(context, null);

        server.setHandler(context);
        server.addEventListener(new org.eclipse.jetty.util.component.LifeCycle.Listener() {
            @Override
            public void lifeCycleStopped(org.eclipse.jetty.util.component.LifeCycle event) {
                background.shutdownNow();
            }
        });
        server.setStopAtShutdown(true);
        server.start();
        return server;
    }

    public static int port(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /**
     * With `java -jar`, the libraries come from the manifest's Class-Path, which Jetty does not see as container
     * jars; this adds every jar the application class loader can reach so Vaadin's scanning finds them.
     */
    static final class ManifestClassPathConfiguration extends MetaInfConfiguration {
        @Override
        public Class<? extends Configuration> replaces() {
            return MetaInfConfiguration.class;
        }

        @Override
        protected List<URI> getAllContainerJars(WebAppContext context) {
            Set<URI> jars = new LinkedHashSet<>(super.getAllContainerJars(context));
            try {
                for (URL url : Collections.list(ClassLoader.getSystemClassLoader().getResources("META-INF/MANIFEST.MF"))) {
                    String s = url.toString();
                    if (s.startsWith("jar:file:") && s.contains("!/")) {
                        jars.add(new URI(s.substring(4, s.indexOf("!/"))));
                    }
                }
            } catch (IOException | URISyntaxException e) {
                throw new IllegalStateException("cannot list the class path", e);
            }
            return new ArrayList<>(jars);
        }
    }
}
