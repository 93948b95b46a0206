package io.engram.core.io;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * CRC32C (Castagnoli) of byte ranges, as an unsigned 32-bit value held in an {@code int}.
 *
 * <p>CRC32C rather than CRC32 because the JDK computes it with the SSE4.2 / ARMv8 instruction,
 * and it is the checksum RocksDB and ext4 use, so tools already know it.
 */
public final class Crc32c {
    // ByteBuffer views are int-indexed; mapped segments may not be.
    private static final long CHUNK = 1L << 30;

    private Crc32c() {}

    public static int of(byte[] bytes) {
        return of(bytes, 0, bytes.length);
    }

    public static int of(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    /** Checksums the bytes between position and limit without moving the position. */
    public static int of(ByteBuffer buffer) {
        CRC32C crc = new CRC32C();
        crc.update(buffer.duplicate());
        return (int) crc.getValue();
    }

    /** Checksums a whole segment of any size, e.g. a mapped payload beyond 2 GiB. */
    public static int of(MemorySegment segment) {
        CRC32C crc = new CRC32C();
        update(crc, segment);
        return (int) crc.getValue();
    }

    /** Feeds a segment of any size into a running checksum. */
    public static void update(CRC32C crc, MemorySegment segment) {
        long size = segment.byteSize();
        for (long offset = 0; offset < size; offset += CHUNK) {
            crc.update(segment.asSlice(offset, Math.min(CHUNK, size - offset)).asByteBuffer());
        }
    }

    /** Formats a checksum for error messages: {@code 0x} and eight hex digits. */
    public static String hex(int crc) {
        return String.format("0x%08x", crc);
    }
}
