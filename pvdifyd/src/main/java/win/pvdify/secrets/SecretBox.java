package win.pvdify.secrets;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;

/**
 * Encrypts secrets (config values, registry passwords) with Tink AEAD (AES256-GCM). The associated data binds
 * each ciphertext to where it belongs (app + NUL + key), so a value copied to another app or key does not decrypt.
 */
public final class SecretBox {
    private final Aead aead;

    private SecretBox(Aead aead) {
        this.aead = aead;
    }

    /** Loads the keyset file, creating it (mode 0600) when it does not exist. */
    public static SecretBox fromKeysetFile(Path file) {
        try {
            AeadConfig.register();
            KeysetHandle handle;
            if (Files.exists(file)) {
                handle = TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file), InsecureSecretKeyAccess.get());
            } else {
                handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
                writePrivate(file, TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get()));
            }
            return new SecretBox(handle.getPrimitive(RegistryConfiguration.get(), Aead.class));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot load the keyset " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writePrivate(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(file.getFileName() + ".new");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, text, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public byte[] encrypt(String plaintext, String scope, String name) {
        try {
            return aead.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), ad(scope, name));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public String decrypt(byte[] ciphertext, String scope, String name) {
        try {
            return new String(aead.decrypt(ciphertext, ad(scope, name)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a secret of " + scope + " (" + name + ") does not decrypt with this keyset", e);
        }
    }

    /** The same for bytes (a backup archive): bound to scope and name like every other secret. */
    public byte[] encryptBytes(byte[] plaintext, String scope, String name) {
        try {
            return aead.encrypt(plaintext, ad(scope, name));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** Decrypts what encryptBytes made; throws GeneralSecurityException for another keyset or damaged bytes. */
    public byte[] decryptBytes(byte[] ciphertext, String scope, String name) throws GeneralSecurityException {
        return aead.decrypt(ciphertext, ad(scope, name));
    }

    /** Loads an existing keyset file (never creates one: a restore must use the keyset the backup was made with). */
    public static SecretBox fromExistingKeysetFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no keyset at " + file);
        }
        return fromKeysetFile(file);
    }

    private static byte[] ad(String scope, String name) {
        return (scope + "\0" + name).getBytes(StandardCharsets.UTF_8);
    }
}
