package win.pvdify.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Token secrets: random, shown once, stored only as their SHA-256. */
public final class TokenSecrets {
    private final SecureRandom random = new SecureRandom();

    public String newSecret() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return "pvd_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public String newId() {
        byte[] b = new byte[8];
        random.nextBytes(b);
        return "tok_" + HexFormat.of().formatHex(b);
    }

    public static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
