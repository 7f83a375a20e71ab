package win.pvdify.commands;

import win.pvdify.api.Domain;
import win.pvdify.cloudflare.DomainDnsException;
import win.pvdify.ops.OperationContext;
import win.pvdify.ops.OperationFailed;
import win.pvdify.ops.OperationKind;
import win.pvdify.ops.OperationQueue;
import win.pvdify.ops.OperationRequest;
import win.pvdify.ops.OperationWork;
import win.pvdify.ops.Refused;
import win.pvdify.routing.DomainHook;
import win.pvdify.store.DomainQueries.StoredDomain;
import win.pvdify.store.Store;
import win.pvdify.store.StoredApp;
import win.pvdify.store.StoredOperation;

/**
 * Custom domains. Adding reserves the hostname at once (unique across apps), then the operation creates its
 * DNS record (Cloudflare, when asked) and routes it; removing deletes record, row and route.
 */
public final class DomainChanges {
    private final Store store;
    private final ReleaseRuns runs;
    private final OperationQueue queue;
    private final DomainHook hook;

    public DomainChanges(Store store, ReleaseRuns runs, OperationQueue queue, DomainHook hook) {
        this.store = store;
        this.runs = runs;
        this.queue = queue;
        this.hook = hook;
    }

    /** host is normalized and valid. */
    public StoredOperation add(StoredApp app, String host, boolean cloudflare, boolean proxied, String by) {
        AppChecks.notDeleting(app);
        return queue.submit(app.name(), OperationKind.DOMAIN_ADD, by, () -> {
            store.domains().find(host).ifPresent(d -> {
                throw Refused.conflict(d.app().equals(app.name())
                        ? host + " is already a domain of " + app.name()
                        : host + " is already used by another app");
            });
            store.domains().insert(app.name(), host, Domain.Kind.CUSTOM, cloudflare ? proxied : null);
            return new OperationRequest("Add domain " + host, ReleaseChanges.params("hostname", host,
                    "cloudflare", String.valueOf(cloudflare), "proxied", String.valueOf(proxied)));
        });
    }

    public StoredOperation remove(StoredApp app, String host, String by) {
        AppChecks.notDeleting(app);
        StoredDomain d = store.domains().find(host).filter(x -> x.app().equals(app.name()))
                .orElseThrow(() -> Refused.notFound("app " + app.name() + " has no domain '" + host + "'"));
        if (Domain.Kind.DEFAULT.is(d.domain().kind())) {
            throw Refused.conflict("the default domain " + host + " cannot be removed");
        }
        return queue.submit(app.name(), OperationKind.DOMAIN_REMOVE, "Remove domain " + host, by,
                ReleaseChanges.params("hostname", host));
    }

    OperationWork work(StoredOperation op) {
        String host = op.param("hostname");
        return op.kind() == OperationKind.DOMAIN_ADD
                ? ctx -> added(ctx, host, Boolean.parseBoolean(op.param("cloudflare")),
                        Boolean.parseBoolean(op.param("proxied")))
                : ctx -> removed(ctx, host);
    }

    private void added(OperationContext ctx, String host, boolean cloudflare, boolean proxied) {
        String app = ctx.operation().app();
        StoredDomain d = store.domains().find(host).filter(x -> x.app().equals(app))
                .orElseThrow(() -> new OperationFailed(409, host + " is no longer a domain of " + app));
        if (d.domain().dnsRecordId() == null && cloudflare) {
            ctx.event("dns", "Creating the DNS record of " + host);
        }
        String recordId;
        try {
            recordId = d.domain().dnsRecordId() != null ? d.domain().dnsRecordId()
                    : hook.onAdded(app, host, cloudflare, proxied);
        } catch (RuntimeException e) {
            if (cloudflare) {
                try {
                    hook.onAbandoned(app, host); // Cloudflare may have made it though its answer failed
                } catch (RuntimeException cleanup) {
                    ctx.event("dns", "Could not check for a left-over record of " + host + ": " + cleanup.getMessage());
                }
            }
            store.domains().delete(host);
            throw e instanceof DomainDnsException dns ? new OperationFailed(dns.httpStatus(), dns.getMessage())
                    : new OperationFailed(503, "adding " + host + " failed: " + e.getMessage());
        }
        if (recordId != null) {
            store.domains().setDnsRecord(host, recordId);
            ctx.event("dns", "DNS record " + recordId + " points " + host + " here");
        }
        store.events().add(app, "api", "Domain " + host + " added by " + ctx.operation().createdBy());
        ctx.event("switch", "Routing " + host + " to " + app);
        ProcessChanges.runtime("routing " + host, () -> runs.runtime().refreshRoutes(app));
    }

    private void removed(OperationContext ctx, String host) {
        String app = ctx.operation().app();
        StoredDomain d = store.domains().find(host).filter(x -> x.app().equals(app)).orElse(null);
        if (d == null) {
            ctx.event("info", host + " was already removed");
            return;
        }
        try {
            hook.onRemoved(app, host, d.domain().dnsRecordId());
        } catch (DomainDnsException e) {
            throw new OperationFailed(e.httpStatus(), e.getMessage());
        } catch (RuntimeException e) {
            throw new OperationFailed(503, "removing " + host + " failed: " + e.getMessage());
        }
        store.domains().delete(host);
        store.events().add(app, "api", "Domain " + host + " removed by " + ctx.operation().createdBy());
        ctx.event("switch", "Routing " + app + " without " + host);
        ProcessChanges.runtime("routing " + app, () -> runs.runtime().refreshRoutes(app));
    }
}
