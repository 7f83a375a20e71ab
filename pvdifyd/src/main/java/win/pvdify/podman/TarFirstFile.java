package win.pvdify.podman;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The content of the first entry of a tar stream (what Podman's archive endpoint answers for one path). Only a
 * regular file counts: a symlink, directory or anything else is refused, so an image cannot point the read
 * elsewhere. Pure.
 */
final class TarFirstFile {
    private static final int BLOCK = 512;

    private TarFirstFile() {
    }

    /** Empty when the archive holds no regular file first; throws when it is malformed or over maxBytes. */
    static Optional<byte[]> of(byte[] tar, int maxBytes) {
        int at = 0;
        while (at + BLOCK <= tar.length && !isZero(tar, at)) {
            byte type = tar[at + 156];
            long size = size(tar, at);
            if (type == 'x' || type == 'g' || type == 'L' || type == 'K') { // PAX and GNU extension headers
                at += BLOCK + (int) ((size + BLOCK - 1) / BLOCK * BLOCK);
                continue;
            }
            if (type != '0' && type != 0) {
                return Optional.empty();
            }
            if (size > maxBytes) {
                throw new IllegalArgumentException("larger than " + maxBytes + " bytes");
            }
            if (at + BLOCK + size > tar.length) {
                throw new IllegalArgumentException("truncated tar entry");
            }
            return Optional.of(Arrays.copyOfRange(tar, at + BLOCK, at + BLOCK + (int) size));
        }
        return Optional.empty();
    }

    private static long size(byte[] tar, int at) {
        String field = new String(tar, at + 124, 12, StandardCharsets.US_ASCII).replace("\0", "").strip();
        try {
            long size = Long.parseLong(field, 8);
            if (size < 0 || size > Integer.MAX_VALUE / 2) {
                throw new IllegalArgumentException("malformed tar header (size " + field + ")");
            }
            return size;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed tar header (size " + field + ")");
        }
    }

    private static boolean isZero(byte[] b, int from) {
        for (int i = from; i < from + BLOCK; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
