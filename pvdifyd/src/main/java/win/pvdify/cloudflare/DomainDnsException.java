package win.pvdify.cloudflare;

/**
 * A domain's DNS change failed; nothing was changed. httpStatus: what the API should answer (422 for a request
 * that cannot work, e.g. no zone for the domain or a record that already exists; 502 when Cloudflare failed or
 * refused the token). The message is for the user as it is.
 */
public class DomainDnsException extends RuntimeException {
    private final int httpStatus;

    public DomainDnsException(int httpStatus, String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
