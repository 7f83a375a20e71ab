package win.pvdify.auth;

import win.pvdify.api.Token;

/** Who is calling: the token's kind (admin, deploy or preview), its app scope (deploy, preview) and its id. */
public record Caller(String tokenId, Token.Kind kind, String app, String description) {

    public boolean isAdmin() {
        return kind == Token.Kind.ADMIN;
    }

    /** What releases and events record as created_by. */
    public String displayName() {
        if (isAdmin()) {
            return "admin";
        }
        return kind.wire() + "-token:" + (description == null || description.isBlank() ? tokenId : description);
    }
}
