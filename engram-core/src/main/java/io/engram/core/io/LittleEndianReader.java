package io.engram.core.io;

import io.engram.core.CorruptFileException;
import io.engram.core.InvalidArgumentException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Reads little-endian values from untrusted bytes: a file, mapped or loaded.
 *
 * <p>Backed by a {@link MemorySegment} with a {@code long} cursor, so a mapped file larger than
 * 2 GiB reads the same way as a {@code byte[]}. Every read checks the bytes it needs against
 * {@link #remaining()} first and throws {@link CorruptFileException} naming what was being read,
 * how many bytes it needed and how many were left. Sizes read from the file are checked against a
 * caller-supplied cap and against the remaining bytes <em>before</em> anything is allocated, so a
 * corrupt or hostile count cannot make the reader allocate more than the input could hold.
 *
 * <p>Not thread-safe (it has a cursor); the segment itself may be shared by many readers.
 */
public final class LittleEndianReader {
    static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** Largest Java array most JVMs will allocate; a larger count can never be materialised. */
    static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private final MemorySegment segment;
    private long position;

    private LittleEndianReader(MemorySegment segment) {
        this.segment = segment;
    }

    /** Reads {@code segment} from offset 0 to its end; the segment is not copied. */
    public static LittleEndianReader of(MemorySegment segment) {
        InvalidArgumentException.check(segment != null, "segment is null");
        return new LittleEndianReader(segment);
    }

    /** Reads the whole array; the array is not copied. */
    public static LittleEndianReader of(byte[] bytes) {
        InvalidArgumentException.check(bytes != null, "bytes is null");
        return new LittleEndianReader(MemorySegment.ofArray(bytes));
    }

    /**
     * Reads the buffer's bytes between its position and its limit, whatever its byte order; the
     * buffer's own position is not moved.
     */
    public static LittleEndianReader of(ByteBuffer buffer) {
        InvalidArgumentException.check(buffer != null, "buffer is null");
        return new LittleEndianReader(MemorySegment.ofBuffer(buffer));
    }

    /** The underlying bytes, independent of the cursor. */
    public MemorySegment segment() {
        return segment;
    }

    public long size() {
        return segment.byteSize();
    }

    public long position() {
        return position;
    }

    /** Moves the cursor; an offset beyond the end (typically read from the file) is corruption. */
    public LittleEndianReader position(long newPosition) {
        if (newPosition < 0 || newPosition > segment.byteSize()) {
            throw new CorruptFileException(
                    "offset " + newPosition + " outside file of " + segment.byteSize() + " bytes");
        }
        position = newPosition;
        return this;
    }

    public long remaining() {
        return segment.byteSize() - position;
    }

    public boolean hasRemaining() {
        return position < segment.byteSize();
    }

    /** Throws unless every byte has been consumed; trailing garbage is corruption too. */
    public void expectEnd(String what) {
        if (hasRemaining()) {
            throw new CorruptFileException(
                    what + ": " + remaining() + " unexpected trailing bytes at offset " + position);
        }
    }

    /** Skips {@code n} bytes. */
    public void skip(String what, long n) {
        require(what, n);
        position += n;
    }

    public byte readByte() {
        require("byte", 1);
        return segment.get(ValueLayout.JAVA_BYTE, position++);
    }

    public int readUnsignedByte() {
        return readByte() & 0xFF;
    }

    public short readShort() {
        require("short", 2);
        short v = segment.get(SHORT, position);
        position += 2;
        return v;
    }

    public int readInt() {
        require("int", 4);
        int v = segment.get(INT, position);
        position += 4;
        return v;
    }

    /** Reads a u32 into the low bits of a long. */
    public long readUnsignedInt() {
        return readInt() & 0xFFFF_FFFFL;
    }

    public long readLong() {
        require("long", 8);
        long v = segment.get(LONG, position);
        position += 8;
        return v;
    }

    public float readFloat() {
        require("float", 4);
        float v = segment.get(FLOAT, position);
        position += 4;
        return v;
    }

    public double readDouble() {
        require("double", 8);
        double v = segment.get(DOUBLE, position);
        position += 8;
        return v;
    }

    /**
     * Reads a u32 element count and checks it before anyone allocates: against {@code cap}, and
     * against the remaining bytes given that each element occupies at least {@code elementBytes}.
     * A count that passes fits in an {@code int} array.
     *
     * @param what names the field in error messages, e.g. "vector count"
     * @param elementBytes minimum encoded size of one element (0 when elements may be empty)
     * @param cap the largest count the caller is prepared to handle
     */
    public int readCount(String what, int elementBytes, long cap) {
        long count = readUnsignedInt();
        checkCount(what, count, elementBytes, cap);
        return (int) count;
    }

    /**
     * As {@link #readCount(String, int, long)} for a u64 count that may exceed an int, such as a
     * number of bytes in a mapped file. Counts above {@link Long#MAX_VALUE} are reported unsigned.
     */
    public long readLongCount(String what, long elementBytes, long cap) {
        long count = readLong();
        checkCountLong(what, count, elementBytes, cap);
        return count;
    }

    /** Reads {@code n} bytes into a new array. */
    public byte[] readBytes(int n) {
        return readByteArray("bytes", n);
    }

    /** Reads {@code n} floats into a new array. */
    public float[] readFloats(int n) {
        return readFloatArray("floats", n);
    }

    /** Reads {@code n} ints into a new array. */
    public int[] readInts(int n) {
        return readIntArray("ints", n);
    }

    /** Reads {@code n} longs into a new array. */
    public long[] readLongs(int n) {
        return readLongArray("longs", n);
    }

    /** Reads {@code count} bytes, allocating only after the bytes are known to be present. */
    public byte[] readByteArray(String what, long count) {
        checkArray(what, count, 1);
        byte[] out = new byte[(int) count];
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, position, out, 0, out.length);
        position += count;
        return out;
    }

    /** Reads {@code count} floats, allocating only after the bytes are known to be present. */
    public float[] readFloatArray(String what, long count) {
        checkArray(what, count, Float.BYTES);
        float[] out = new float[(int) count];
        MemorySegment.copy(segment, FLOAT, position, out, 0, out.length);
        position += count * Float.BYTES;
        return out;
    }

    /** Reads {@code count} ints, allocating only after the bytes are known to be present. */
    public int[] readIntArray(String what, long count) {
        checkArray(what, count, Integer.BYTES);
        int[] out = new int[(int) count];
        MemorySegment.copy(segment, INT, position, out, 0, out.length);
        position += count * Integer.BYTES;
        return out;
    }

    /** Reads {@code count} longs, allocating only after the bytes are known to be present. */
    public long[] readLongArray(String what, long count) {
        checkArray(what, count, Long.BYTES);
        long[] out = new long[(int) count];
        MemorySegment.copy(segment, LONG, position, out, 0, out.length);
        position += count * Long.BYTES;
        return out;
    }

    /** Reads {@code length} floats into {@code dst} at {@code offset}; allocates nothing. */
    public void readFloats(String what, float[] dst, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, dst.length);
        require(what, (long) length * Float.BYTES);
        MemorySegment.copy(segment, FLOAT, position, dst, offset, length);
        position += (long) length * Float.BYTES;
    }

    /**
     * Returns the next {@code count * elementBytes} bytes as a slice of the backing segment, without
     * copying: the way to hand a mapped block of vectors to an index.
     */
    public MemorySegment readSlice(String what, long count, int elementBytes) {
        long bytes = byteSize(what, count, elementBytes);
        require(what, bytes);
        MemorySegment slice = segment.asSlice(position, bytes);
        position += bytes;
        return slice;
    }

    /** Reads a u32 byte length (at most {@code maxBytes}) followed by that many bytes of UTF-8. */
    public String readUtf8(String what, int maxBytes) {
        int length = readCount(what + " length", 1, maxBytes);
        byte[] bytes = readByteArray(what, length);
        try {
            // A strict decoder: replacing malformed bytes with U+FFFD would hide corruption.
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CorruptFileException(what + ": invalid UTF-8 in " + length + " bytes", e);
        }
    }

    /** Throws unless {@code bytes} more bytes are present. */
    public void require(String what, long bytes) {
        if (bytes < 0) {
            throw new CorruptFileException(what + ": negative size " + bytes);
        }
        if (bytes > remaining()) {
            throw new CorruptFileException(
                    "truncated: " + what + " needs " + bytes + " bytes, " + remaining() + " remain");
        }
    }

    @Override
    public String toString() {
        return "LittleEndianReader[position=" + position + ", size=" + segment.byteSize() + "]";
    }

    private void checkCount(String what, long count, int elementBytes, long cap) {
        long bound = Math.min(cap, MAX_ARRAY_LENGTH);
        checkCountLong(what, count, elementBytes, bound);
    }

    private void checkCountLong(String what, long count, long elementBytes, long cap) {
        if (count < 0 || count > cap) {
            throw new CorruptFileException(
                    what + " " + Long.toUnsignedString(count) + " exceeds cap " + cap);
        }
        long bytes = byteSize(what, count, elementBytes);
        if (bytes > remaining()) {
            throw new CorruptFileException("truncated: " + what + " " + count + " needs " + bytes
                    + " bytes (" + elementBytes + " each), " + remaining() + " remain");
        }
    }

    private void checkArray(String what, long count, int elementBytes) {
        if (count < 0) {
            throw new CorruptFileException(what + ": negative count " + count);
        }
        if (count > MAX_ARRAY_LENGTH) {
            throw new CorruptFileException(
                    what + " count " + count + " exceeds array limit " + MAX_ARRAY_LENGTH);
        }
        require(what, byteSize(what, count, elementBytes));
    }

    private static long byteSize(String what, long count, long elementBytes) {
        if (count < 0) {
            throw new CorruptFileException(what + ": negative count " + count);
        }
        try {
            return Math.multiplyExact(count, elementBytes);
        } catch (ArithmeticException e) {
            throw new CorruptFileException(what + ": " + count + " elements of " + elementBytes
                    + " bytes overflow a 64-bit size", e);
        }
    }
}
