package win.pvdify.http;

/**
 * The route a request matched, registered in its context by Routes: its pattern (e.g.
 * /apps/{name}/config/{key}) and the app its {name} names (null for routes without one).
 */
public record MatchedRoute(String pattern, String app) {
}
