package win.pvdify.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Secrets known to this run (the token, config values being set); every error message passes through it. */
final class SecretMask {
    private final List<String> secrets = new ArrayList<>();

    void add(String secret) {
        // Very short values would mask ordinary words; they are not worth hiding in an error message.
        if (secret != null && secret.length() >= 4 && !secrets.contains(secret)) {
            secrets.add(secret);
            secrets.sort(Comparator.comparingInt(String::length).reversed());
        }
    }

    String apply(String message) {
        if (message == null) {
            return "";
        }
        String m = message;
        for (String s : secrets) {
            m = m.replace(s, "****");
        }
        return m;
    }
}
