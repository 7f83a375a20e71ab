package win.pvdify.webhooks;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

/** Sends one webhook request (the effect); the dispatcher decides what and when. */
public interface WebhookSender {
    /** POSTs body with headers to url and returns the status code; IOException when no answer came. */
    int post(URI url, Map<String, String> headers, byte[] body) throws IOException, InterruptedException;
}
