package io.engram.core.io;

import io.engram.core.InvalidArgumentException;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Builds little-endian bytes in a growable heap buffer; the mirror of {@link LittleEndianReader}.
 *
 * <p>Holds just under 2 GiB (the largest Java array). Larger payloads are streamed to a channel
 * instead, see {@link FileHeader#writeStreaming}.
 *
 * <p>{@link #reset()} keeps the buffer, so one writer can be reused for many records.
 */
public final class LittleEndianWriter {
    private static final VarHandle SHORT =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] buf;
    private int size;

    public LittleEndianWriter() {
        this(256);
    }

    public LittleEndianWriter(int initialCapacity) {
        InvalidArgumentException.check(initialCapacity >= 0,
                "initial capacity must be >= 0, got %d", initialCapacity);
        buf = new byte[initialCapacity];
    }

    /** Bytes written so far. */
    public int size() {
        return size;
    }

    /** Forgets the content, keeping the buffer. */
    public LittleEndianWriter reset() {
        size = 0;
        return this;
    }

    public LittleEndianWriter writeByte(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    public LittleEndianWriter writeShort(int v) {
        ensure(2);
        SHORT.set(buf, size, (short) v);
        size += 2;
        return this;
    }

    public LittleEndianWriter writeInt(int v) {
        ensure(4);
        INT.set(buf, size, v);
        size += 4;
        return this;
    }

    /** Writes a u32; values outside [0, 2^32) are a programming error, not silently truncated. */
    public LittleEndianWriter writeUnsignedInt(long v) {
        InvalidArgumentException.check(v >= 0 && v <= 0xFFFF_FFFFL, "u32 out of range: %d", v);
        return writeInt((int) v);
    }

    public LittleEndianWriter writeLong(long v) {
        ensure(8);
        LONG.set(buf, size, v);
        size += 8;
        return this;
    }

    public LittleEndianWriter writeFloat(float v) {
        // Raw bits so that NaN payloads round-trip exactly as they were.
        return writeInt(Float.floatToRawIntBits(v));
    }

    public LittleEndianWriter writeDouble(double v) {
        return writeLong(Double.doubleToRawLongBits(v));
    }

    public LittleEndianWriter writeBytes(byte[] src) {
        return writeBytes(src, 0, src.length);
    }

    public LittleEndianWriter writeBytes(byte[] src, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, src.length);
        ensure(length);
        System.arraycopy(src, offset, buf, size, length);
        size += length;
        return this;
    }

    /** Copies a segment's bytes, e.g. a slice of a mapped file. */
    public LittleEndianWriter writeBytes(MemorySegment src) {
        long length = src.byteSize();
        InvalidArgumentException.check(length <= LittleEndianReader.MAX_ARRAY_LENGTH,
                "segment of %d bytes is larger than a writer can hold", length);
        ensure((int) length);
        MemorySegment.copy(src, ValueLayout.JAVA_BYTE, 0, buf, size, (int) length);
        size += (int) length;
        return this;
    }

    public LittleEndianWriter writeFloats(float[] src) {
        return writeFloats(src, 0, src.length);
    }

    public LittleEndianWriter writeFloats(float[] src, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, src.length);
        int bytes = byteSize(length, Float.BYTES);
        ensure(bytes);
        MemorySegment.copy(src, offset, MemorySegment.ofArray(buf), LittleEndianReader.FLOAT, size, length);
        size += bytes;
        return this;
    }

    public LittleEndianWriter writeInts(int[] src) {
        return writeInts(src, 0, src.length);
    }

    public LittleEndianWriter writeInts(int[] src, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, src.length);
        int bytes = byteSize(length, Integer.BYTES);
        ensure(bytes);
        MemorySegment.copy(src, offset, MemorySegment.ofArray(buf), LittleEndianReader.INT, size, length);
        size += bytes;
        return this;
    }

    public LittleEndianWriter writeLongs(long[] src) {
        return writeLongs(src, 0, src.length);
    }

    public LittleEndianWriter writeLongs(long[] src, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, src.length);
        int bytes = byteSize(length, Long.BYTES);
        ensure(bytes);
        MemorySegment.copy(src, offset, MemorySegment.ofArray(buf), LittleEndianReader.LONG, size, length);
        size += bytes;
        return this;
    }

    /** Writes a u32 byte length and the UTF-8 bytes; read back with {@link LittleEndianReader#readUtf8}. */
    public LittleEndianWriter writeUtf8(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        writeInt(bytes.length);
        return writeBytes(bytes);
    }

    /** Overwrites 4 bytes already written at {@code offset}, e.g. a count known only at the end. */
    public LittleEndianWriter putInt(int offset, int v) {
        Objects.checkFromIndexSize(offset, 4, size);
        INT.set(buf, offset, v);
        return this;
    }

    /** Overwrites 8 bytes already written at {@code offset}. */
    public LittleEndianWriter putLong(int offset, long v) {
        Objects.checkFromIndexSize(offset, 8, size);
        LONG.set(buf, offset, v);
        return this;
    }

    /** A copy of the bytes written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /**
     * A read-only little-endian view of the bytes written, without copying; valid until the next
     * write or reset.
     */
    public ByteBuffer asByteBuffer() {
        return ByteBuffer.wrap(buf, 0, size).slice().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A view of the bytes written, without copying; valid until the next write or reset. */
    public MemorySegment asSegment() {
        return MemorySegment.ofArray(buf).asSlice(0, size).asReadOnly();
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, size);
    }

    /** Writes everything, looping because a channel may accept fewer bytes than offered. */
    public void writeTo(WritableByteChannel channel) throws IOException {
        writeFully(channel, ByteBuffer.wrap(buf, 0, size));
    }

    static void writeFully(WritableByteChannel channel, ByteBuffer src) throws IOException {
        while (src.hasRemaining()) {
            channel.write(src);
        }
    }

    private static int byteSize(int count, int elementBytes) {
        long bytes = (long) count * elementBytes;
        InvalidArgumentException.check(bytes <= LittleEndianReader.MAX_ARRAY_LENGTH,
                "%d elements of %d bytes exceed what a writer can hold", count, elementBytes);
        return (int) bytes;
    }

    private void ensure(int more) {
        long needed = (long) size + more;
        if (needed <= buf.length) {
            return;
        }
        InvalidArgumentException.check(needed <= LittleEndianReader.MAX_ARRAY_LENGTH,
                "writer would exceed %d bytes (has %d, adding %d)",
                LittleEndianReader.MAX_ARRAY_LENGTH, size, more);
        long grown = Math.max(needed, Math.max(16L, (long) buf.length * 2));
        buf = Arrays.copyOf(buf, (int) Math.min(grown, LittleEndianReader.MAX_ARRAY_LENGTH));
    }
}
