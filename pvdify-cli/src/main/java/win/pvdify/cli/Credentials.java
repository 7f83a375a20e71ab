package win.pvdify.cli;

/** What `pvdify login` stores: the API URL and the token. Text form: "api_url=...\ntoken=...\n". */
record Credentials(String apiUrl, String token) {

    static Credentials parse(String text) {
        String url = null;
        String token = null;
        for (String line : text.split("\n")) {
            String l = line.strip();
            int eq = l.indexOf('=');
            if (l.startsWith("#") || eq < 0) {
                continue;
            }
            String k = l.substring(0, eq).strip();
            String v = l.substring(eq + 1).strip();
            if (k.equals("api_url")) {
                url = v;
            } else if (k.equals("token")) {
                token = v;
            }
        }
        return new Credentials(url, token);
    }

    String format() {
        return "# written by `pvdify login`; remove with `pvdify logout`\napi_url=" + apiUrl + "\ntoken=" + token + "\n";
    }

    @Override
    public String toString() {
        return "Credentials[" + apiUrl + "]";
    }
}
