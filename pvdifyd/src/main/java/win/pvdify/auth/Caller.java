package win.pvdify.auth;

/** Who is calling: the token's kind (admin or deploy), its app scope (deploy tokens) and its id. */
public record Caller(String tokenId, String kind, String app, String description) {
    public static final String ADMIN = "admin";
    public static final String DEPLOY = "deploy";

    public boolean isAdmin() {
        return ADMIN.equals(kind);
    }

    /** What releases and events record as created_by. */
    public String displayName() {
        if (isAdmin()) {
            return "admin";
        }
        return "deploy-token:" + (description == null || description.isBlank() ? tokenId : description);
    }
}
