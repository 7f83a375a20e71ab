package win.pvdify.api;

/**
 * JSON that does not fit the API's records: malformed, or of the wrong shape as a whole ({@link #field()} null),
 * or a value of the wrong type at a field ({@code "bind_port must be an integer, got a string"}).
 */
public final class BadJson extends RuntimeException {
    private final String field;

    private BadJson(String message, String field, Throwable cause) {
        super(message, cause, false, false);
        this.field = field;
    }

    static BadJson malformed(String detail, Throwable cause) {
        return new BadJson(detail, null, cause);
    }

    /** problem reads after the field: "must be an integer, got a string", "is given twice". */
    static BadJson atField(String field, String problem) {
        return new BadJson(field + " " + problem, field, null);
    }

    /** Where the wrong value is ("bind_port", "healthcheck.interval", "updates[0].count"); null for the whole. */
    public String field() {
        return field;
    }
}
