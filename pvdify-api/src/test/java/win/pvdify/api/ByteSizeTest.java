package win.pvdify.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ByteSizeTest {
    @Test
    void bytesReadLikeTools() {
        assertEquals("0 B", ByteSize.human(-5));
        assertEquals("1023 B", ByteSize.human(1023));
        assertEquals("612 KiB", ByteSize.human(612 * 1024 + 100));
        assertEquals("3.4 MiB", ByteSize.human((long) (3.4 * 1024 * 1024)));
        assertEquals("38 MiB", ByteSize.human(38L * 1024 * 1024 + 5));
        assertEquals("1.2 GiB", ByteSize.human((long) (1.25 * 1024 * 1024 * 1024) - 1024L * 1024 * 40));
    }
}
