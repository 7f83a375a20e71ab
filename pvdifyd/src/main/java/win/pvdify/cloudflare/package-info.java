/**
 * Cloudflare DNS: DnsProvider (zones, records, CNAME create/delete) over the v4 API (CloudflareHttp), and the
 * domains:add/remove DNS step (CloudflareDomainDns). Wiring (Main):
 * <pre>
 * Optional&lt;CloudflareHttp&gt; cf = CloudflareHttp.fromEnvironment(System.getenv()); // CLOUDFLARE_API_TOKEN, _BASE_URL
 * Optional&lt;DomainDns&gt; dns = cf.map(c -> new CloudflareDomainDns(c, baseDomain));
 * // POST /apps/{app}/domains {hostname, cloudflare: true, proxied}: validate, check unique, then
 * //   String recordId = dns.add(app, hostname, proxied);  -> store the domain with recordId
 * //   (storing failed: dns.remove(hostname, recordId)); then routes.route(app, hosts, upstreams)
 * // DELETE /apps/{app}/domains/{hostname}: dns.remove(hostname, recordId) first, then delete the row, then route
 * // DomainDnsException.httpStatus(): 422 (no zone, record exists, bad name) or 502 (Cloudflare down/token)
 * // GET /cloudflare/zones -> cf.zones(); GET /cloudflare/zones/{id}/records -> cf.records(id)
 * // GET /status: cf.status() -> StatusCheck("cloudflare", ...), or not_configured without a token
 * </pre>
 */
package win.pvdify.cloudflare;
