package io.engram.index;

import io.engram.core.Metric;
import io.engram.core.io.LittleEndianReader;
import io.engram.core.io.LittleEndianWriter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The KD-tree index file, format {@value #MAGIC} version {@value #VERSION}: the common 32-byte
 * header (see {@link IndexFiles}), then, little-endian:
 *
 * <pre>
 * metric code u32, dimension u32, leafSize u32, rebuildThreshold u32, modifications u32,
 * rows u32, built u32 (rows covered by the tree, ≤ rows)
 * tombstones: rows × u8 (0 or 1)
 * ids: rows × i64
 * vectors: rows × dimension f32
 * </pre>
 *
 * The tree itself is not stored: construction is deterministic, so loading rebuilds the identical
 * tree over the first {@code built} rows, and there is no node structure to validate.
 */
final class KdTreeFile {

    static final String MAGIC = "ENGRKDTR";
    static final int VERSION = 1;

    private KdTreeFile() {}

    static void write(Path path, KdTreeIndex index, long[] ids, float[] vectors, boolean[] deleted, int rows, int built,
            int modifications) throws IOException {
        int dim = index.dimension();
        LittleEndianWriter payload = new LittleEndianWriter();
        payload.writeInt(index.metric().code()).writeInt(dim).writeInt(index.leafSize())
                .writeInt(index.rebuildThreshold()).writeInt(modifications).writeInt(rows).writeInt(built);
        for (int row = 0; row < rows; row++) {
            payload.writeByte(deleted[row] ? 1 : 0);
        }
        IndexFiles.writeRows(payload, ids, vectors, rows, dim);
        IndexFiles.write(path, MAGIC, VERSION, payload);
    }

    static KdTreeIndex read(Path path) throws IOException {
        return IndexFiles.read(path, MAGIC, VERSION, in -> parse(in, path));
    }

    private static KdTreeIndex parse(LittleEndianReader in, Path path) {
        Metric metric = IndexFiles.readMetric(in, path);
        int dim = IndexFiles.readDimension(in, path);
        int leafSize = in.readInt();
        IndexFiles.check(leafSize > 0, path, "leaf size " + leafSize + " is not positive");
        int threshold = in.readInt();
        IndexFiles.check(threshold >= 0, path, "rebuild threshold " + threshold + " is negative");
        int modifications = in.readInt();
        IndexFiles.check(modifications >= 0, path, "modification count " + modifications + " is negative");
        int count = in.readCount("kd-tree row count", 9 + 4 * dim, IndexFiles.MAX_ROWS);
        int built = in.readInt();
        IndexFiles.check(built >= 0 && built <= count, path, "tree covers " + built + " of " + count + " rows");
        int capacity = Math.max(count, 1);
        IndexFiles.checkSlab(capacity, dim, path);
        boolean[] deleted = new boolean[capacity];
        for (int row = 0; row < count; row++) {
            int flag = in.readUnsignedByte();
            IndexFiles.check(flag <= 1, path, "row " + row + " has tombstone flag " + flag);
            deleted[row] = flag == 1;
        }
        long[] ids = new long[capacity];
        float[] vectors = new float[capacity * dim];
        IndexFiles.readRows(in, path, count, dim, ids, vectors);
        KdTreeIndex index = new KdTreeIndex(dim, metric, leafSize, threshold);
        IndexFiles.check(index.restore(ids, vectors, deleted, count, built, modifications), path,
                "a live id appears twice");
        return index;
    }
}
