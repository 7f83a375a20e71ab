package win.pvdify.secrets;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;

/**
 * Encrypts large streams (add-on backups) with Tink streaming AEAD (AES256-GCM-HKDF, 1 MB segments): the bytes are
 * encrypted as they are written, so no plaintext byte reaches the disk, and every segment is authenticated on
 * read. The associated data binds a file to its add-on and backup id: a file copied to another name fails.
 */
public final class StreamingBox {
    private final StreamingAead aead;

    private StreamingBox(StreamingAead aead) {
        this.aead = aead;
    }

    /** Loads the keyset file, creating it (mode 0600) when it does not exist. */
    public static StreamingBox fromKeysetFile(Path file) {
        try {
            StreamingAeadConfig.register();
            KeysetHandle handle;
            if (Files.exists(file)) {
                handle = TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file), InsecureSecretKeyAccess.get());
            } else {
                handle = KeysetHandle.generateNew(PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB);
                Path dir = file.toAbsolutePath().getParent();
                Files.createDirectories(dir);
                Path tmp = dir.resolve(file.getFileName() + ".new");
                Files.deleteIfExists(tmp);
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(tmp, TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get()),
                        StandardOpenOption.TRUNCATE_EXISTING);
                Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return new StreamingBox(handle.getPrimitive(RegistryConfiguration.get(), StreamingAead.class));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot load the keyset " + file + ": " + e.getMessage(), e);
        }
    }

    public OutputStream encrypting(OutputStream ciphertext, String scope, String name) throws IOException {
        try {
            return aead.newEncryptingStream(ciphertext, ad(scope, name));
        } catch (GeneralSecurityException e) {
            throw new IOException("encryption failed: " + e.getMessage(), e);
        }
    }

    /** Reading throws IOException at the first segment that does not authenticate (corrupt, foreign, truncated). */
    public InputStream decrypting(InputStream ciphertext, String scope, String name) throws IOException {
        try {
            return aead.newDecryptingStream(ciphertext, ad(scope, name));
        } catch (GeneralSecurityException e) {
            throw new IOException("not a backup of " + name + " under this keyset: " + e.getMessage(), e);
        }
    }

    private static byte[] ad(String scope, String name) {
        return (scope + "\0" + name).getBytes(StandardCharsets.UTF_8);
    }
}
