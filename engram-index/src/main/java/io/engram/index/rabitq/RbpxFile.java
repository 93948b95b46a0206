package io.engram.index.rabitq;

import io.engram.core.CorruptFileException;
import io.engram.core.InvalidArgumentException;
import io.engram.core.io.AtomicFiles;
import io.engram.core.io.Crc32c;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The {@code .rbpx} file of a {@link RabitqPlusIndex}: the original vectors and ids plus what it
 * takes to rebuild the codes (dimension, seed, rerank factor, rotation). Codes are not stored; a
 * load replays {@link RabitqPlusIndex#build}, which is bit-identical to the index that was written.
 * All integers and floats are little-endian.
 *
 * <pre>
 * v1 (the reference's format, Haar rotation implied)       v2 (Engram's default)
 *   0  8  magic "rbpx0001"                                   0–31 as v1, version = 2
 *   8  4  version u32 (0 or 1)                              32  1  rotation kind (0 Haar, 1 Hadamard)
 *  12  4  dim u32                                           33  1  id width (4 = u32, 8 = u64)
 *  16  8  seed u64                                          34  6  reserved, zero
 *  24  4  rerank factor u32                                 40  n × (id of width bytes, dim × f32)
 *  28  4  n u32                                             end 4  CRC-32C of every preceding byte
 *  32  n × (id u32, dim × f32)
 * </pre>
 *
 * <p>No reader allocates from the header's count: a corrupt or hostile header can claim 100 M
 * records of 8192 dimensions (3 TB) in a 40-byte file. When the source length is known (a path or
 * an array) the size the header implies is checked against it before anything is allocated; a
 * stream's records are collected in buffers that grow only as records actually arrive, so memory
 * stays proportional to the bytes read and a truncated stream fails with a {@code read: } error.
 */
public final class RbpxFile {

    /** The first eight bytes of every version, ASCII. */
    public static final String MAGIC = "rbpx0001";
    public static final int MAX_DIM = 8192;
    public static final int MAX_N = 100_000_000;
    public static final int MAX_RERANK_FACTOR = 1024;

    static final int V1_HEADER_BYTES = 32;
    static final int V2_HEADER_BYTES = 40;
    static final int TRAILER_BYTES = 4;
    static final int V1 = 1;
    static final int V2 = 2;
    /** What a stream reader reserves before records arrive. */
    static final int INITIAL_STREAM_CAPACITY = 65_536;
    /** Records move through a chunk of about this size, so a stream is never read past the file. */
    private static final int CHUNK_BYTES = 64 * 1024;
    private static final long U32_MAX = 0xFFFF_FFFFL;
    // A private copy: a public array constant could be modified by any caller.
    private static final byte[] MAGIC_BYTES = MAGIC.getBytes(StandardCharsets.US_ASCII);

    private RbpxFile() {}

    // ---------------------------------------------------------------- writing

    /** Writes the reference's v1 format; the index must use the Haar rotation, which v1 implies. */
    public static void writeV1(RabitqPlusIndex index, OutputStream out) throws IOException {
        encode(Snapshot.of(index, V1), out);
    }

    /** {@link #writeV1(RabitqPlusIndex, OutputStream)} to a file, replaced atomically. */
    public static void writeV1(RabitqPlusIndex index, Path target) throws IOException {
        writeAtomically(Snapshot.of(index, V1), target);
    }

    /** Writes v2: the rotation kind is recorded and the bytes are covered by a CRC-32C. */
    public static void write(RabitqPlusIndex index, OutputStream out) throws IOException {
        encode(Snapshot.of(index, V2), out);
    }

    /** {@link #write(RabitqPlusIndex, OutputStream)} to a file, replaced atomically. */
    public static void write(RabitqPlusIndex index, Path target) throws IOException {
        writeAtomically(Snapshot.of(index, V2), target);
    }

    private static void writeAtomically(Snapshot snapshot, Path target) throws IOException {
        // Validated before the temp file exists; a crash mid-write leaves the old file in place.
        AtomicFiles.write(target, channel -> encode(snapshot, Channels.newOutputStream(channel)));
    }

    /** One consistent view of the index, validated against what a reader accepts. */
    private record Snapshot(int version, int dim, long seed, int rerankFactor, RotationKind rotation,
                            int[] ids, float[] originals, int n) {

        static Snapshot of(RabitqPlusIndex index, int version) {
            if (index == null) {
                throw new InvalidArgumentException("index must not be null");
            }
            RotationKind rotation = index.rotationKind();
            if (version == V1 && rotation != RotationKind.HAAR_DENSE) {
                throw new InvalidArgumentException("a v1 .rbpx file implies the HAAR_DENSE rotation; this index uses "
                        + rotation + ", write v2 instead");
            }
            CodeStore.Rows rows = index.rows();
            int dim = index.dim();
            int rf = index.rerankFactor();
            InvalidArgumentException.check(dim >= 1 && dim <= MAX_DIM, "dim must be in 1..%d, got %d", MAX_DIM, dim);
            InvalidArgumentException.check(rows.size() <= MAX_N, "n must be at most %d, got %d", MAX_N, rows.size());
            InvalidArgumentException.check(rf <= MAX_RERANK_FACTOR,
                    "rerank factor must be at most %d, got %d", MAX_RERANK_FACTOR, rf);
            // Ids are stored as u32 (CodeStore.storableId), so every one fits the u32 id column.
            return new Snapshot(version, dim, index.seed(), rf, rotation, rows.ids(), rows.originals(), rows.size());
        }
    }

    private static void encode(Snapshot s, OutputStream out) throws IOException {
        int recordBytes = Integer.BYTES + Float.BYTES * s.dim;
        ByteBuffer chunk = ByteBuffer.allocate(Math.max(CHUNK_BYTES, V2_HEADER_BYTES + recordBytes))
                .order(ByteOrder.LITTLE_ENDIAN);
        CRC32C crc = s.version == V2 ? new CRC32C() : null;
        chunk.put(MAGIC_BYTES).putInt(s.version).putInt(s.dim).putLong(s.seed).putInt(s.rerankFactor).putInt(s.n);
        if (s.version == V2) {
            chunk.put((byte) s.rotation.code()).put((byte) Integer.BYTES).put(new byte[6]);
        }
        for (int row = 0; row < s.n; row++) {
            if (chunk.remaining() < recordBytes) {
                flush(chunk, out, crc);
            }
            chunk.putInt(s.ids[row]);
            for (int j = 0, base = row * s.dim; j < s.dim; j++) {
                chunk.putFloat(s.originals[base + j]);
            }
        }
        flush(chunk, out, crc);
        if (crc != null) {
            chunk.putInt((int) crc.getValue());
            flush(chunk, out, null);
        }
        out.flush();
    }

    private static void flush(ByteBuffer chunk, OutputStream out, CRC32C crc) throws IOException {
        if (crc != null) {
            crc.update(chunk.array(), 0, chunk.position());
        }
        out.write(chunk.array(), 0, chunk.position());
        chunk.clear();
    }

    // ---------------------------------------------------------------- reading

    /** Reads any version from a stream, consuming exactly the file's bytes; the stream stays open. */
    public static RabitqPlusIndex read(InputStream in) throws IOException {
        if (in == null) {
            throw new InvalidArgumentException("input stream must not be null");
        }
        return decode(in, -1);
    }

    /** Reads any version from a file; its length is checked against the header before allocating. */
    public static RabitqPlusIndex read(Path path) throws IOException {
        long length = Files.size(path);
        try (InputStream in = Files.newInputStream(path)) {
            return decode(in, length);
        }
    }

    /** Reads any version from bytes; their length is checked against the header before allocating. */
    public static RabitqPlusIndex read(byte[] bytes) {
        if (bytes == null) {
            throw new InvalidArgumentException("bytes must not be null");
        }
        try {
            return decode(new ByteArrayInputStream(bytes), bytes.length);
        } catch (IOException e) {
            throw new AssertionError("a byte array stream does not throw", e);
        }
    }

    /** The validated header fields. */
    private record Header(int version, int dim, long seed, int rerankFactor, int n, RotationKind rotation,
                          int idWidth) {

        int recordBytes() {
            return idWidth + Float.BYTES * dim;
        }

        long fileBytes() {
            long body = (long) n * recordBytes();
            return version == V1 ? V1_HEADER_BYTES + body : V2_HEADER_BYTES + body + TRAILER_BYTES;
        }
    }

    /** {@code knownLength} is the source's size in bytes, or −1 for a stream of unknown length. */
    private static RabitqPlusIndex decode(InputStream in, long knownLength) throws IOException {
        CRC32C crc = new CRC32C();
        Header h = readHeader(in, crc);
        if (knownLength >= 0 && knownLength < h.fileBytes()) {
            throw new CorruptFileException("read: truncated .rbpx: the header (n = " + h.n + ", dim = " + h.dim
                    + ") implies " + h.fileBytes() + " bytes, the source has " + knownLength);
        }
        if (knownLength > h.fileBytes()) {
            // Exact sizes: bytes past the last record mean a damaged or concatenated file.
            throw new CorruptFileException("trailing bytes: the header (n = " + h.n + ", dim = " + h.dim
                    + ") implies " + h.fileBytes() + " bytes, the source has " + knownLength);
        }
        // RabitqPlusIndex keeps every original in one float[]; refuse before reading gigabytes.
        if ((long) h.n * h.dim > Integer.MAX_VALUE - 16) {
            throw new CorruptFileException("n × dim = " + h.n + " × " + h.dim
                    + " exceeds the " + (Integer.MAX_VALUE - 16) + " floats one index can hold");
        }
        int capacity = knownLength >= 0 ? h.n : Math.min(h.n, INITIAL_STREAM_CAPACITY);
        long[] ids = new long[capacity];
        float[][] vectors = new float[capacity][];
        int recordBytes = h.recordBytes();
        int perChunk = Math.max(1, CHUNK_BYTES / recordBytes);
        byte[] chunk = new byte[Math.min(h.n, perChunk) * recordBytes];
        ByteBuffer view = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        for (int first = 0; first < h.n; ) {
            int count = Math.min(perChunk, h.n - first);
            readFully(in, chunk, count * recordBytes, "records " + first + ".." + (first + count - 1) + " of " + h.n);
            if (h.version == V2) {
                crc.update(chunk, 0, count * recordBytes);
            }
            if (first + count > ids.length) {
                // Grows only with records already read, so memory tracks the bytes actually present.
                int grown = (int) Math.min(h.n, Math.max(first + count, 2L * ids.length));
                ids = Arrays.copyOf(ids, grown);
                vectors = Arrays.copyOf(vectors, grown);
            }
            view.clear();
            for (int i = first; i < first + count; i++) {
                ids[i] = readId(view, h.idWidth, i);
                float[] v = new float[h.dim];
                view.asFloatBuffer().get(v);
                view.position(view.position() + Float.BYTES * h.dim);
                for (int j = 0; j < h.dim; j++) {
                    if (!Float.isFinite(v[j])) {
                        throw new CorruptFileException("record " + i + " (id " + ids[i] + "): value " + j + " is " + v[j]
                                + ", expected a finite float");
                    }
                }
                vectors[i] = v;
            }
            first += count;
        }
        if (h.version == V2) {
            int computed = (int) crc.getValue();
            byte[] trailer = new byte[TRAILER_BYTES];
            readFully(in, trailer, TRAILER_BYTES, "CRC-32C trailer");
            int stored = ByteBuffer.wrap(trailer).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (stored != computed) {
                throw new CorruptFileException("checksum mismatch: the file records CRC-32C " + Crc32c.hex(stored)
                        + ", its bytes hash to " + Crc32c.hex(computed));
            }
        }
        return RabitqPlusIndex.build(h.dim, h.seed, h.rerankFactor, h.rotation, ids, vectors);
    }

    private static Header readHeader(InputStream in, CRC32C crc) throws IOException {
        byte[] bytes = new byte[V2_HEADER_BYTES];
        readFully(in, bytes, V1_HEADER_BYTES, "header");
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[MAGIC_BYTES.length];
        b.get(magic);
        if (!Arrays.equals(magic, MAGIC_BYTES)) {
            throw new CorruptFileException("bad magic: expected \"" + MAGIC + "\", got " + printable(magic));
        }
        long version = Integer.toUnsignedLong(b.getInt());
        if (version > V2) {
            throw new CorruptFileException("unsupported version " + version + ": expected 0, 1 or 2");
        }
        long dim = Integer.toUnsignedLong(b.getInt());
        long seed = b.getLong();
        long rf = Integer.toUnsignedLong(b.getInt());
        long n = Integer.toUnsignedLong(b.getInt());
        if (dim == 0 || dim > MAX_DIM) {
            throw new CorruptFileException("dim " + dim + " out of range: expected 1..MAX_DIM = " + MAX_DIM);
        }
        if (rf > MAX_RERANK_FACTOR) {
            throw new CorruptFileException("rerank factor " + rf + " exceeds MAX_RERANK_FACTOR = " + MAX_RERANK_FACTOR);
        }
        if (n > MAX_N) {
            throw new CorruptFileException("n " + n + " exceeds MAX_N = " + MAX_N);
        }
        if (version < V2) {
            // Version 0 predates the field's use; the reference reads it as v1. rf 0 is clamped by build.
            return new Header(V1, (int) dim, seed, (int) rf, (int) n, RotationKind.HAAR_DENSE, Integer.BYTES);
        }
        readFully(in, bytes, V1_HEADER_BYTES, V2_HEADER_BYTES - V1_HEADER_BYTES, "v2 header");
        crc.update(bytes, 0, V2_HEADER_BYTES);
        RotationKind rotation = RotationKind.fromCode(Byte.toUnsignedInt(bytes[32]));
        int idWidth = Byte.toUnsignedInt(bytes[33]);
        if (idWidth != Integer.BYTES && idWidth != Long.BYTES) {
            throw new CorruptFileException("id width " + idWidth + " unsupported: expected 4 (u32) or 8 (u64)");
        }
        for (int offset = 34; offset < V2_HEADER_BYTES; offset++) {
            if (bytes[offset] != 0) {
                throw new CorruptFileException("reserved byte at offset " + offset + " is "
                        + Byte.toUnsignedInt(bytes[offset]) + ", expected 0");
            }
        }
        return new Header(V2, (int) dim, seed, (int) rf, (int) n, rotation, idWidth);
    }

    private static long readId(ByteBuffer view, int width, int record) {
        long id = width == Integer.BYTES ? Integer.toUnsignedLong(view.getInt()) : view.getLong();
        // A u64 id column may hold values RabitqPlusIndex (u32 ids) cannot represent.
        if (id < 0 || id > U32_MAX) {
            throw new CorruptFileException("record " + record + ": id " + Long.toUnsignedString(id)
                    + " exceeds the u32 maximum " + U32_MAX + " that RabitqPlusIndex stores");
        }
        return id;
    }

    private static void readFully(InputStream in, byte[] dst, int length, String what) throws IOException {
        readFully(in, dst, 0, length, what);
    }

    private static void readFully(InputStream in, byte[] dst, int offset, int length, String what)
            throws IOException {
        int got = in.readNBytes(dst, offset, length);
        if (got < length) {
            throw new CorruptFileException("read: unexpected end of input in " + what + ": expected "
                    + length + " bytes, got " + got);
        }
    }

    private static String printable(byte[] bytes) {
        StringBuilder b = new StringBuilder("0x");
        for (byte x : bytes) {
            b.append(String.format("%02x", x));
        }
        return b.toString();
    }
}
