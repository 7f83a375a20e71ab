package win.pvdify.routing;

/**
 * What an app's hosts answer while it is in maintenance mode: a 503 page showing message (null = the default
 * text) with Retry-After: retryAfter seconds (null = no header). The message is plain text. Its rules are shared by
 * the API (which answers 422) and CaddyRoutes (which refuses to render what breaks them): at most 1000 characters,
 * no control characters other than line breaks and tabs; Retry-After between 1 and 86400 seconds. html() is the one
 * place a message becomes HTML.
 */
public record MaintenancePage(String message, Integer retryAfter) {

    public static final int MAX_MESSAGE = 1000;
    public static final int MAX_RETRY_AFTER = 86_400;
    public static final String DEFAULT_MESSAGE = "This app is undergoing maintenance right now. Please check back soon.";

    /** Why this message or Retry-After cannot be used; null when both can (null values mean "not set"). */
    public static String problem(String message, Integer retryAfter) {
        if (retryAfter != null && (retryAfter < 1 || retryAfter > MAX_RETRY_AFTER)) {
            return "retry_after must be between 1 and " + MAX_RETRY_AFTER + " seconds";
        }
        if (message == null) {
            return null;
        }
        if (message.codePointCount(0, message.length()) > MAX_MESSAGE) {
            return "message must be at most " + MAX_MESSAGE + " characters";
        }
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if ((Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')
                    || Character.isSurrogate(c) && !validSurrogate(message, i)) {
                return Character.isSurrogate(c) ? "message must be valid Unicode text"
                        : "message must not contain control characters (line breaks and tabs are fine)";
            }
        }
        return null;
    }

    /**
     * Plain text -> HTML text: &amp; &lt; &gt; &quot; &#39; escaped, { and } as character references (Caddy
     * expands {placeholders} in static response bodies), line breaks as &lt;br&gt;.
     */
    public static String html(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        String normalized = text.replace("\r\n", "\n").replace('\r', '\n');
        for (int i = 0; i < normalized.length(); i++) {
            char c = normalized.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '{' -> out.append("&#123;");
                case '}' -> out.append("&#125;");
                case '\n' -> out.append("<br>");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
