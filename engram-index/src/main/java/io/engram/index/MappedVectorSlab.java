package io.engram.index;

import io.engram.core.CorruptFileException;
import io.engram.core.io.AtomicFiles;
import io.engram.core.io.Crc32c;
import io.engram.core.io.LittleEndianReader;
import io.engram.core.io.LittleEndianWriter;
import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A {@link VectorSlab} in a file mapped read-write through {@link FileChannel#map} into a
 * {@link MemorySegment} owned by a shared {@link Arena}, so closing unmaps at once.
 *
 * <p>File layout, little-endian:
 *
 * <pre>
 * offset  size  field
 *      0     8  magic "ENGRVSTO"
 *      8     4  version (1)
 *     12     4  flags (0)
 *     16     4  dimension, &gt; 0
 *     20     4  capacity (rows), &gt; 0
 *     24     4  next slot (high-water mark), in [0, capacity]
 *     28     4  CRC32C of bytes 0..27
 *     32    32  reserved, zero
 *     64     …  capacity × dimension float32 rows
 * </pre>
 *
 * <p>The header is rewritten in place (with its checksum) whenever the high-water mark moves. The
 * rows carry no checksum: they change in place on every add and remove, and a per-write checksum of
 * the whole slab would cost more than the write. {@link #open} checks magic, version, checksum,
 * field ranges and that the file is exactly {@code 64 + capacity × dimension × 4} bytes before it
 * maps anything. Growth writes a complete new file beside the old one with {@link AtomicFiles}
 * (temp, fsync, rename, directory fsync) and then remaps, so a crash mid-growth leaves the old
 * file intact.
 */
final class MappedVectorSlab implements VectorSlab {
    static final String MAGIC = "ENGRVSTO";
    static final int VERSION = 1;
    static final int HEADER_SIZE = 64;
    private static final int NEXT_SLOT_OFFSET = 24;
    private static final int HEADER_CRC_OFFSET = 28;
    private static final ValueLayout.OfFloat FLOAT =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT =
            ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final int COPY_CHUNK = 1 << 20;

    private final Path file;
    private final int dimension;
    private final long rowBytes;
    private int capacity;
    private Arena arena;
    private MemorySegment segment;

    private MappedVectorSlab(Path file, int dimension, int capacity) throws IOException {
        this.file = file;
        this.dimension = dimension;
        this.rowBytes = (long) dimension * Float.BYTES;
        this.capacity = capacity;
        map(capacity);
    }

    /** Creates a new, empty store file; refuses to overwrite an existing one. */
    static MappedVectorSlab create(Path file, int dimension, int capacity) throws IOException {
        if (Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString(), null,
                    "a vector store file already exists; open it with VectorStore.openMapped");
        }
        long size = fileSize(dimension, capacity);
        AtomicFiles.write(file, channel -> {
            writeAt(channel, ByteBuffer.wrap(header(dimension, capacity, 0)), 0);
            extendTo(channel, size);
        });
        return new MappedVectorSlab(file, dimension, capacity);
    }

    /** An existing store file, checked before mapping; see the class comment for the checks. */
    static MappedVectorSlab open(Path file) throws IOException {
        long size = Files.size(file);
        if (size < HEADER_SIZE) {
            throw new CorruptFileException("truncated: " + MAGIC + " header of " + file + " needs "
                    + HEADER_SIZE + " bytes, file has " + size);
        }
        byte[] headerBytes = new byte[HEADER_SIZE];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.wrap(headerBytes);
            while (buf.hasRemaining()) {
                if (channel.read(buf, buf.position()) < 0) {
                    throw new EOFException("file shrank while reading the header of " + file);
                }
            }
        }
        LittleEndianReader in = LittleEndianReader.of(headerBytes);
        byte[] magic = in.readBytes(8);
        if (!Arrays.equals(magic, MAGIC.getBytes(StandardCharsets.US_ASCII))) {
            throw new CorruptFileException("bad magic in " + file + ": expected '" + MAGIC + "', found '"
                    + printable(magic) + "'");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new CorruptFileException("unsupported " + MAGIC + " version "
                    + Integer.toUnsignedString(version) + " in " + file + "; this build reads version " + VERSION);
        }
        in.readInt(); // flags: none defined in version 1
        int dimension = in.readInt();
        int capacity = in.readInt();
        int nextSlot = in.readInt();
        int storedCrc = in.readInt();
        int crc = Crc32c.of(headerBytes, 0, HEADER_CRC_OFFSET);
        if (crc != storedCrc) {
            throw new CorruptFileException(MAGIC + " header checksum mismatch in " + file + ": stored "
                    + Crc32c.hex(storedCrc) + ", computed " + Crc32c.hex(crc));
        }
        if (dimension <= 0 || capacity <= 0 || nextSlot < 0 || nextSlot > capacity) {
            throw new CorruptFileException(MAGIC + " header of " + file + " out of range: dimension "
                    + dimension + ", capacity " + capacity + ", next slot " + nextSlot);
        }
        long expected = fileSize(dimension, capacity);
        if (size != expected) {
            throw new CorruptFileException(MAGIC + " file " + file + " is " + size + " bytes, but its header ("
                    + capacity + " rows x " + dimension + " floats) requires " + expected);
        }
        return new MappedVectorSlab(file, dimension, capacity);
    }

    /** The high-water mark recorded in the header. */
    int storedNextSlot() {
        return segment.get(INT, NEXT_SLOT_OFFSET);
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public void read(int slot, float[] dst, int off) {
        MemorySegment.copy(segment, FLOAT, offset(slot), dst, off, dimension);
    }

    @Override
    public void write(int slot, float[] src) {
        MemorySegment.copy(src, 0, segment, FLOAT, offset(slot), dimension);
    }

    @Override
    public void zero(int slot) {
        segment.asSlice(offset(slot), rowBytes).fill((byte) 0);
    }

    @Override
    public boolean rowMatches(int slot, float[] v, double tolerance) {
        long base = offset(slot);
        for (int i = 0; i < dimension; i++) {
            float a = segment.get(FLOAT, base + (long) i * Float.BYTES);
            float b = v[i];
            if (a != b && !(Math.abs((double) a - b) <= tolerance)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void grow(int newCapacity) throws IOException {
        long newSize = fileSize(dimension, newCapacity);
        MemorySegment old = segment;
        int nextSlot = storedNextSlot();
        AtomicFiles.write(file, channel -> {
            writeAt(channel, ByteBuffer.wrap(header(dimension, newCapacity, nextSlot)), 0);
            long rows = old.byteSize() - HEADER_SIZE;
            for (long done = 0; done < rows; ) {
                long n = Math.min(COPY_CHUNK, rows - done);
                ByteBuffer chunk = old.asSlice(HEADER_SIZE + done, n).asByteBuffer();
                writeAt(channel, chunk, HEADER_SIZE + done);
                done += n;
            }
            extendTo(channel, newSize);
        });
        // The new file is durable under the final name; only now drop the old mapping.
        // Capacity changes only once the new mapping exists, so a failed remap leaves this object
        // self-consistent (still on the old mapping); the store reports the failure to its caller.
        Arena oldArena = arena;
        map(newCapacity);
        capacity = newCapacity;
        oldArena.close();
    }

    @Override
    public void highWater(int nextSlot) {
        segment.set(INT, NEXT_SLOT_OFFSET, nextSlot);
        segment.set(INT, HEADER_CRC_OFFSET, Crc32c.of(segment.asSlice(0, HEADER_CRC_OFFSET)));
    }

    @Override
    public void force() {
        segment.force();
    }

    @Override
    public String storageType() {
        return "memory-mapped";
    }

    Path file() {
        return file;
    }

    @Override
    public void close() {
        if (arena != null && arena.scope().isAlive()) {
            arena.close();
        }
    }

    private long offset(int slot) {
        return HEADER_SIZE + slot * rowBytes;
    }

    private void map(int rows) throws IOException {
        Arena fresh = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long expected = fileSize(dimension, rows);
            if (channel.size() != expected) {
                throw new CorruptFileException("vector store file " + file + " is " + channel.size()
                        + " bytes, expected " + expected);
            }
            segment = channel.map(FileChannel.MapMode.READ_WRITE, 0, expected, fresh);
            arena = fresh;
        } catch (Throwable t) {
            fresh.close();
            throw t;
        }
    }

    private static long fileSize(int dimension, int capacity) {
        try {
            return Math.addExact(HEADER_SIZE,
                    Math.multiplyExact(Math.multiplyExact((long) dimension, (long) capacity), Float.BYTES));
        } catch (ArithmeticException e) {
            throw new CorruptFileException("vector store of " + capacity + " x " + dimension
                    + " floats overflows a file size", e);
        }
    }

    private static byte[] header(int dimension, int capacity, int nextSlot) {
        LittleEndianWriter out = new LittleEndianWriter(HEADER_SIZE);
        out.writeBytes(MAGIC.getBytes(StandardCharsets.US_ASCII))
                .writeInt(VERSION)
                .writeInt(0)
                .writeInt(dimension)
                .writeInt(capacity)
                .writeInt(nextSlot);
        out.writeInt(Crc32c.of(out.toByteArray()));
        out.writeBytes(new byte[HEADER_SIZE - HEADER_CRC_OFFSET - 4]);
        return out.toByteArray();
    }

    private static void writeAt(FileChannel channel, ByteBuffer src, long position) throws IOException {
        long at = position;
        while (src.hasRemaining()) {
            at += channel.write(src, at);
        }
    }

    /** Makes the file {@code size} bytes long; bytes never written read as zeros. */
    private static void extendTo(FileChannel channel, long size) throws IOException {
        if (channel.size() < size) {
            writeAt(channel, ByteBuffer.allocate(1), size - 1);
        }
    }

    private static String printable(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            s.append(b >= 0x20 && b < 0x7F ? (char) b : '.');
        }
        return s.toString();
    }
}
