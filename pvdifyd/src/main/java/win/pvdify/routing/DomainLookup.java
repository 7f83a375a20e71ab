package win.pvdify.routing;

/** Whether a hostname belongs to an app (its default host or one of its custom domains). */
public interface DomainLookup {
    boolean isRouted(String hostname);
}
