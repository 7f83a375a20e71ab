package win.pvdify.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** /openapi.yaml: the hand-written API description (a test keeps it equal to the routes). */
public final class OpenApiService implements Routes.Resource {
    public static final String RESOURCE = "/win/pvdify/http/openapi.yaml";
    private final ErrorAnswers errors;
    private final byte[] document;

    public OpenApiService(ErrorAnswers errors) {
        this.errors = errors;
        try (InputStream in = OpenApiService.class.getResourceAsStream(RESOURCE)) {
            this.document = in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new UncheckedIOException(new IOException("openapi.yaml is missing from the build", e));
        }
    }

    @Override
    public ErrorAnswers errors() {
        return errors;
    }

    @Override
    public void routes(Routes r) {
        r.get("/openapi.yaml", this::document);
    }

    private void document(ServerRequest req, ServerResponse res) {
        Guard.caller(req);
        res.header(HeaderNames.CONTENT_TYPE, "application/yaml");
        res.send(document);
    }
}
