package win.pvdify.cli;

/** Where the CLI talks to and with which token; tokenSource says where the token came from (for whoami). */
record ApiTarget(String url, String token, String tokenSource) {
    @Override
    public String toString() {
        // never the token itself
        return "ApiTarget[" + url + ", token from " + tokenSource + "]";
    }
}
