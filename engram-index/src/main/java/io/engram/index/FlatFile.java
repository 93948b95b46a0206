package io.engram.index;

import io.engram.core.Metric;
import io.engram.core.io.LittleEndianReader;
import io.engram.core.io.LittleEndianWriter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The Flat index file, format {@value #MAGIC} version {@value #VERSION}: the common 32-byte header
 * (see {@link IndexFiles}), then, little-endian:
 *
 * <pre>
 * metric code u32, dimension u32, count u32
 * ids: count × i64
 * vectors: count × dimension f32 (as stored: unit length under cosine)
 * </pre>
 */
final class FlatFile {

    static final String MAGIC = "ENGRFLAT";
    static final int VERSION = 1;

    private FlatFile() {}

    static void write(Path path, Metric metric, int dim, long[] ids, float[] vectors, int count) throws IOException {
        LittleEndianWriter payload = new LittleEndianWriter();
        payload.writeInt(metric.code()).writeInt(dim).writeInt(count);
        IndexFiles.writeRows(payload, ids, vectors, count, dim);
        IndexFiles.write(path, MAGIC, VERSION, payload);
    }

    static FlatIndex read(Path path) throws IOException {
        return IndexFiles.read(path, MAGIC, VERSION, in -> parse(in, path));
    }

    private static FlatIndex parse(LittleEndianReader in, Path path) {
        Metric metric = IndexFiles.readMetric(in, path);
        int dim = IndexFiles.readDimension(in, path);
        int count = in.readCount("flat row count", 8 + 4 * dim, IndexFiles.MAX_ROWS);
        int capacity = Math.max(count, 1);
        IndexFiles.checkSlab(capacity, dim, path);
        long[] ids = new long[capacity];
        float[] vectors = new float[capacity * dim];
        IndexFiles.readRows(in, path, count, dim, ids, vectors);
        FlatIndex index = new FlatIndex(dim, metric);
        IndexFiles.check(index.restore(ids, vectors, count), path, "an id appears twice");
        return index;
    }
}
