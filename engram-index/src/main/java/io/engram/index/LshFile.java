package io.engram.index;

import io.engram.core.InvalidArgumentException;
import io.engram.core.Metric;
import io.engram.core.io.LittleEndianReader;
import io.engram.core.io.LittleEndianWriter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The LSH index file, format {@value #MAGIC} version {@value #VERSION}: the common 32-byte header
 * (see {@link IndexFiles}), then, little-endian:
 *
 * <pre>
 * metric code u32, dimension u32, numTables u32, hashSize u32, probes u32, seed i64,
 * generation u32 (rebuilds so far), count u32
 * ids: count × i64
 * vectors: count × dimension f32 (live rows only)
 * </pre>
 *
 * Hyperplanes and buckets are derived data: loading replays the seed generator to the saved
 * generation, redraws the same planes and rehashes the rows, so the buckets equal the saved ones.
 */
final class LshFile {

    static final String MAGIC = "ENGR_LSH";
    static final int VERSION = 1;
    /** Rebuilds a file may claim; each costs one generator draw on load. */
    static final int MAX_GENERATION = 1 << 24;

    private LshFile() {}

    static void write(Path path, LshIndex index, int generation, long[] ids, float[] vectors, int count)
            throws IOException {
        LshParams p = index.params();
        int dim = index.dimension();
        LittleEndianWriter payload = new LittleEndianWriter();
        payload.writeInt(index.metric().code()).writeInt(dim).writeInt(p.numTables()).writeInt(p.hashSize())
                .writeInt(p.probes()).writeLong(p.seed()).writeInt(generation).writeInt(count);
        IndexFiles.writeRows(payload, ids, vectors, count, dim);
        IndexFiles.write(path, MAGIC, VERSION, payload);
    }

    static LshIndex read(Path path) throws IOException {
        return IndexFiles.read(path, MAGIC, VERSION, in -> parse(in, path));
    }

    private static LshIndex parse(LittleEndianReader in, Path path) {
        Metric metric = IndexFiles.readMetric(in, path);
        int dim = IndexFiles.readDimension(in, path);
        int tables = in.readInt();
        int bits = in.readInt();
        int probes = in.readInt();
        long seed = in.readLong();
        LshParams params;
        try {
            params = new LshParams(tables, bits, probes, seed);
        } catch (InvalidArgumentException e) {
            throw new io.engram.core.CorruptFileException(path + ": invalid LSH parameters: " + e.getMessage(), e);
        }
        int generation = in.readInt();
        IndexFiles.check(generation >= 0 && generation <= MAX_GENERATION, path,
                "generation " + generation + " outside 0.." + MAX_GENERATION);
        int count = in.readCount("lsh row count", 8 + 4 * dim, IndexFiles.MAX_ROWS);
        int capacity = Math.max(count, 1);
        IndexFiles.checkSlab(capacity, dim, path);
        long[] ids = new long[capacity];
        float[] vectors = new float[capacity * dim];
        IndexFiles.readRows(in, path, count, dim, ids, vectors);
        LshIndex index = new LshIndex(dim, metric, params);
        IndexFiles.check(index.restore(generation, ids, vectors, count), path, "an id appears twice");
        return index;
    }
}
