package win.pvdify.backup;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import win.pvdify.secrets.SecretBox;

/**
 * The control-plane backup file: a header line, then a zip of the named files (pvdify.db, admin-token) sealed
 * with the keyset's AEAD (AES256-GCM, associated data "backup" + format version). Without the keyset it is
 * useless: keep the keyset somewhere else than the backups. A truncated or altered file, or another keyset,
 * fails to open as a whole; nothing is half-read.
 */
public final class BackupArchive {
    static final byte[] HEADER = "PVDIFY-BACKUP 1\n".getBytes(StandardCharsets.US_ASCII);
    /** What an archive may hold: nothing else is ever written out of one. */
    public static final Set<String> NAMES = Set.of("pvdify.db", "admin-token");
    private static final String SCOPE = "backup";
    private static final String VERSION = "1";

    private BackupArchive() {
    }

    /** Why an archive cannot be opened (wrong keyset, damaged, not a backup). */
    public static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    public static byte[] seal(Map<String, byte[]> files, SecretBox box) {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(zipped)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                if (!NAMES.contains(f.getKey())) {
                    throw new IllegalArgumentException("not a backup file: " + f.getKey());
                }
                zip.putNextEntry(new ZipEntry(f.getKey()));
                zip.write(f.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] sealed = box.encryptBytes(zipped.toByteArray(), SCOPE, VERSION);
        byte[] out = Arrays.copyOf(HEADER, HEADER.length + sealed.length);
        System.arraycopy(sealed, 0, out, HEADER.length, sealed.length);
        return out;
    }

    public static Map<String, byte[]> open(byte[] archive, SecretBox box) throws Unreadable {
        if (archive.length < HEADER.length
                || !Arrays.equals(Arrays.copyOf(archive, HEADER.length), HEADER)) {
            throw new Unreadable("not a Pvdify backup (no PVDIFY-BACKUP 1 header)");
        }
        byte[] zipped;
        try {
            zipped = box.decryptBytes(Arrays.copyOfRange(archive, HEADER.length, archive.length), SCOPE, VERSION);
        } catch (GeneralSecurityException e) {
            throw new Unreadable("the backup does not decrypt with this keyset: it was made with another keyset, "
                    + "or the file is truncated or damaged");
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(zipped))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (!NAMES.contains(e.getName())) {
                    throw new Unreadable("the backup holds an unexpected file: " + e.getName());
                }
                files.put(e.getName(), zip.readAllBytes());
            }
        } catch (IOException e) {
            throw new Unreadable("the backup's contents are damaged: " + e.getMessage());
        }
        if (!files.containsKey("pvdify.db")) {
            throw new Unreadable("the backup holds no database");
        }
        return files;
    }
}
