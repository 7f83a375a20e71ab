package win.pvdify.auth;

import win.pvdify.api.Token;

/** Who is calling: the token's kind (admin or deploy), its app scope (deploy tokens) and its id. */
public record Caller(String tokenId, Token.Kind kind, String app, String description) {

    public boolean isAdmin() {
        return kind == Token.Kind.ADMIN;
    }

    /** What releases and events record as created_by. */
    public String displayName() {
        if (isAdmin()) {
            return "admin";
        }
        return "deploy-token:" + (description == null || description.isBlank() ? tokenId : description);
    }
}
