package io.engram.core.io;

import io.engram.core.CorruptFileException;
import io.engram.core.InvalidArgumentException;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The header every Engram index file starts with, and the checks a loader runs before it trusts a
 * single payload byte.
 *
 * <p>Byte layout, all integers little-endian:
 *
 * <pre>
 * offset  size  field
 *      0     8  magic: 8 printable ASCII bytes naming the format, e.g. "ENGRHNSW"
 *      8     4  format version, u32, starting at 1
 *     12     4  flags, u32; meaning defined by each format (0 when unused)
 *     16     8  payload length in bytes, u64
 *     24     4  CRC32C of the payload bytes
 *     28     4  CRC32C of bytes 0..27 (this header without this field)
 *     32     n  payload
 * </pre>
 *
 * <p>Checks on read, in this order: enough bytes for the header; magic; version within
 * [1, supported maximum]; header checksum; payload length within the caller's cap and within the
 * bytes present; payload checksum. Version comes before the header checksum so that a file from a
 * newer release, whose header may have grown, is reported as "newer version" rather than as
 * corruption. Length and checksum live in a fixed-size header, not a trailer, so a writer that
 * streams a payload too large for memory can reserve the header and patch it at the end
 * ({@link #writeStreaming}).
 *
 * @param magic the format's magic
 * @param version the format version
 * @param flags format-specific flags
 * @param payloadLength number of payload bytes following the header
 * @param payloadCrc CRC32C of the payload
 */
public record FileHeader(String magic, int version, int flags, long payloadLength, int payloadCrc) {
    /** Header size in bytes. */
    public static final int SIZE = 32;

    private static final int MAGIC_SIZE = 8;
    private static final int HEADER_CRC_OFFSET = 28;

    /** A header whose checks all passed, with its payload (a slice of the input, not a copy). */
    public record Verified(FileHeader header, MemorySegment payload) {
        public int version() {
            return header.version();
        }

        public int flags() {
            return header.flags();
        }

        /** A fresh reader over the payload. */
        public LittleEndianReader payloadReader() {
            return LittleEndianReader.of(payload);
        }
    }

    /** Writes the payload to a channel; see {@link #writeStreaming}. */
    @FunctionalInterface
    public interface PayloadBody {
        void writeTo(WritableByteChannel out) throws IOException;
    }

    public FileHeader {
        magicBytes(magic);
        InvalidArgumentException.check(version >= 1, "version must be >= 1, got %d", version);
        InvalidArgumentException.check(payloadLength >= 0,
                "payload length must be >= 0, got %d", payloadLength);
    }

    /** The 32 header bytes, header checksum included. */
    public byte[] encode() {
        LittleEndianWriter out = new LittleEndianWriter(SIZE);
        out.writeBytes(magicBytes(magic))
                .writeInt(version)
                .writeInt(flags)
                .writeLong(payloadLength)
                .writeInt(payloadCrc);
        out.writeInt(Crc32c.of(out.asByteBuffer()));
        return out.toByteArray();
    }

    /** Appends header and payload to {@code out}. */
    public static FileHeader write(LittleEndianWriter out, String magic, int version, int flags,
                                   byte[] payload) {
        FileHeader header = new FileHeader(magic, version, flags, payload.length, Crc32c.of(payload));
        out.writeBytes(header.encode()).writeBytes(payload);
        return header;
    }

    /** Appends header and the bytes of {@code payload} (e.g. another writer's segment) to {@code out}. */
    public static FileHeader write(LittleEndianWriter out, String magic, int version, int flags,
                                   MemorySegment payload) {
        FileHeader header = new FileHeader(magic, version, flags, payload.byteSize(), Crc32c.of(payload));
        out.writeBytes(header.encode()).writeBytes(payload);
        return header;
    }

    /**
     * Writes a header and a payload of any size at the channel's position: reserves the header,
     * streams the payload through a checksum, then fills the header in with a positional write.
     * Leaves the channel positioned after the payload.
     */
    public static FileHeader writeStreaming(FileChannel channel, String magic, int version, int flags,
                                            PayloadBody body) throws IOException {
        magicBytes(magic);
        long start = channel.position();
        LittleEndianWriter.writeFully(channel, ByteBuffer.allocate(SIZE));
        ChecksummingChannel counted = new ChecksummingChannel(channel);
        body.writeTo(counted);
        FileHeader header =
                new FileHeader(magic, version, flags, counted.length, (int) counted.crc.getValue());
        ByteBuffer encoded = ByteBuffer.wrap(header.encode());
        long at = start;
        while (encoded.hasRemaining()) {
            at += channel.write(encoded, at);
        }
        return header;
    }

    /**
     * Reads and verifies one header and its payload at the reader's position, leaving the reader
     * just after the payload.
     *
     * @param expectedMagic the format's magic
     * @param maxSupportedVersion the newest version this code can read
     * @param maxPayloadBytes the largest payload the caller accepts
     * @throws CorruptFileException naming the field, what was expected and what was found
     */
    public static Verified read(LittleEndianReader in, String expectedMagic, int maxSupportedVersion,
                                long maxPayloadBytes) {
        byte[] expected = magicBytes(expectedMagic);
        if (in.remaining() < SIZE) {
            throw new CorruptFileException("truncated: " + expectedMagic + " file header needs "
                    + SIZE + " bytes, " + in.remaining() + " remain");
        }
        long start = in.position();
        byte[] actual = in.readBytes(MAGIC_SIZE);
        if (!Arrays.equals(expected, actual)) {
            throw new CorruptFileException("bad magic: expected " + describe(expected)
                    + ", found " + describe(actual));
        }
        int version = in.readInt();
        if (version < 1 || version > maxSupportedVersion) {
            throw new CorruptFileException("unsupported " + expectedMagic + " version "
                    + Integer.toUnsignedString(version) + "; this build reads versions 1.."
                    + maxSupportedVersion);
        }
        int flags = in.readInt();
        long payloadLength = in.readLong();
        int payloadCrc = in.readInt();
        int storedHeaderCrc = in.readInt();
        int headerCrc = Crc32c.of(in.segment().asSlice(start, HEADER_CRC_OFFSET));
        if (headerCrc != storedHeaderCrc) {
            throw new CorruptFileException(expectedMagic + " header checksum mismatch: stored "
                    + Crc32c.hex(storedHeaderCrc) + ", computed " + Crc32c.hex(headerCrc));
        }
        if (payloadLength < 0 || payloadLength > maxPayloadBytes) {
            throw new CorruptFileException(expectedMagic + " payload length "
                    + Long.toUnsignedString(payloadLength) + " exceeds cap " + maxPayloadBytes);
        }
        MemorySegment payload = in.readSlice(expectedMagic + " payload", payloadLength, 1);
        int crc = Crc32c.of(payload);
        if (crc != payloadCrc) {
            throw new CorruptFileException(expectedMagic + " payload checksum mismatch: stored "
                    + Crc32c.hex(payloadCrc) + ", computed " + Crc32c.hex(crc));
        }
        return new Verified(
                new FileHeader(expectedMagic, version, flags, payloadLength, payloadCrc), payload);
    }

    /**
     * Verifies a buffer holding exactly one file (header and payload, nothing after), without moving
     * the buffer's position.
     */
    public static Verified read(ByteBuffer file, String expectedMagic, int maxSupportedVersion,
                                long maxPayloadBytes) {
        return readWhole(LittleEndianReader.of(file), expectedMagic, maxSupportedVersion, maxPayloadBytes);
    }

    /** Verifies a segment holding exactly one file, e.g. a {@link MappedFile}'s. */
    public static Verified read(MemorySegment file, String expectedMagic, int maxSupportedVersion,
                                long maxPayloadBytes) {
        return readWhole(LittleEndianReader.of(file), expectedMagic, maxSupportedVersion, maxPayloadBytes);
    }

    private static Verified readWhole(LittleEndianReader in, String expectedMagic,
                                      int maxSupportedVersion, long maxPayloadBytes) {
        Verified verified = read(in, expectedMagic, maxSupportedVersion, maxPayloadBytes);
        in.expectEnd(expectedMagic + " file");
        return verified;
    }

    private static byte[] magicBytes(String magic) {
        InvalidArgumentException.check(magic != null && magic.length() == MAGIC_SIZE
                        && magic.chars().allMatch(c -> c >= 0x20 && c < 0x7F),
                "magic must be %d printable ASCII characters, got '%s'", MAGIC_SIZE, magic);
        return magic.getBytes(StandardCharsets.US_ASCII);
    }

    /** Shows magic bytes both ways: ASCII for a human, hex because corrupt bytes rarely print. */
    private static String describe(byte[] magic) {
        StringBuilder ascii = new StringBuilder();
        StringBuilder hex = new StringBuilder();
        for (byte b : magic) {
            ascii.append(b >= 0x20 && b < 0x7F ? (char) b : '.');
            hex.append(String.format("%02x", b & 0xFF));
        }
        return "'" + ascii + "' (0x" + hex + ")";
    }

    /** Passes writes through while counting bytes and feeding them to a CRC. */
    private static final class ChecksummingChannel implements WritableByteChannel {
        private final WritableByteChannel target;
        private final CRC32C crc = new CRC32C();
        private long length;

        ChecksummingChannel(WritableByteChannel target) {
            this.target = target;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            ByteBuffer written = src.duplicate();
            int n = target.write(src);
            written.limit(written.position() + n);
            crc.update(written);
            length += n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return target.isOpen();
        }

        @Override
        public void close() {
            // The caller owns the file channel; a payload body must not close it under us.
        }
    }
}
