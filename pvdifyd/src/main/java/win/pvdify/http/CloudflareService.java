package win.pvdify.http;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import win.pvdify.api.DnsRecord;
import win.pvdify.auth.Access.Action;
import win.pvdify.cloudflare.CloudflareException;
import win.pvdify.cloudflare.DnsProvider;
import win.pvdify.cloudflare.DomainDnsException;

/** /cloudflare/zones (admin): what the configured Cloudflare token can edit. dns null = not configured. */
public final class CloudflareService implements Routes.Resource {
    private final DnsProvider dns;
    private final JsonIo io;
    private final ErrorAnswers errors;

    public CloudflareService(DnsProvider dns, JsonIo io, ErrorAnswers errors) {
        this.dns = dns;
        this.io = io;
        this.errors = errors;
    }

    @Override
    public ErrorAnswers errors() {
        return errors;
    }

    @Override
    public void routes(Routes r) {
        r.get("/cloudflare/zones", this::zones).get("/cloudflare/zones/{zone}/records", this::records);
    }

    private DnsProvider dns(ServerRequest req) {
        Guard.allow(req, Action.ADMIN, null);
        if (dns == null) {
            throw ApiProblem.conflict("Cloudflare is not configured on this server (set CLOUDFLARE_API_TOKEN)");
        }
        return dns;
    }

    private void zones(ServerRequest req, ServerResponse res) {
        DnsProvider d = dns(req);
        io.send(res, call(() -> d.zones()));
    }

    private void records(ServerRequest req, ServerResponse res) {
        DnsProvider d = dns(req);
        String zone = req.path().pathParameters().get("zone");
        if (!zone.matches("[A-Za-z0-9]{1,64}")) {
            throw ApiProblem.notFound("no zone '" + win.pvdify.names.Shown.of(zone) + "'");
        }
        io.send(res, call(() -> recordsOf(d, zone)));
    }

    /** Cloudflare answers an unknown zone id with 404 ("could not route to /zones/ID", code 7003). */
    private static List<DnsRecord> recordsOf(DnsProvider d, String zone) {
        try {
            return d.records(zone);
        } catch (CloudflareException e) {
            if (e.status() == 404) {
                throw ApiProblem.notFound("no zone '" + win.pvdify.names.Shown.of(zone) + "'");
            }
            throw e;
        }
    }

    static <T> T call(java.util.function.Supplier<T> s) {
        try {
            return s.get();
        } catch (ApiProblem e) {
            throw e;
        } catch (DomainDnsException e) {
            throw new ApiProblem(e.httpStatus(), e.getMessage());
        } catch (RuntimeException e) {
            throw new ApiProblem(502, "Cloudflare failed: " + e.getMessage());
        }
    }
}
