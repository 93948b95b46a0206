package io.engram.index;

import io.engram.core.CorruptFileException;
import io.engram.core.Metric;
import io.engram.core.io.FileHeader;
import io.engram.core.io.LittleEndianReader;
import io.engram.core.io.LittleEndianWriter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The HNSW index file, format {@value #MAGIC} version {@value #VERSION}: the common 32-byte
 * {@link FileHeader} (magic, version, payload length, CRC32C of payload and header), then the
 * payload, all little-endian:
 *
 * <pre>
 * metric code u32, dimension u32, M u32, efConstruction u32, efSearch u32, maxLevel u32,
 * seed i64, compactionThreshold f64, [version ≥ 2: flags u32, bit 0 = int8 traversal,]
 * levelDraws i64, nodes u32, entry i64 (level&lt;&lt;32 | node, or -1)
 * per node: id i64, level u8, deleted u8
 * vectors: nodes × dimension f32
 * per node, per layer 0..level: count u32, then count neighbour nodes u32
 * </pre>
 *
 * Int8 codes are not stored: they are a function of the vectors and are recomputed on load.
 * Version 1 files (no flags) load without int8 traversal.
 *
 * <p>Reading checks every count against a cap and the bytes that remain before allocating, and every
 * neighbour, level and degree against the graph's bounds, so a hostile file fails with
 * {@link CorruptFileException} instead of allocating or building a graph that points nowhere.
 */
final class HnswFile {

    static final String MAGIC = "ENGRHNSW";
    static final int VERSION = 2;
    private static final int FLAG_INT8_TRAVERSAL = 1;
    /** Largest node count a file may declare (2^28 nodes ≈ 268 M). */
    static final long MAX_NODES = 1L << 28;

    private HnswFile() {}

    static void write(Path path, HnswIndex index, HnswGraph g, int used, long levelDraws) throws IOException {
        HnswParams p = index.params();
        int dim = index.dimension();
        LittleEndianWriter payload = new LittleEndianWriter();
        payload.writeInt(index.metric().code()).writeInt(dim).writeInt(p.m()).writeInt(p.efConstruction())
                .writeInt(p.efSearch()).writeInt(p.maxLevel()).writeLong(p.seed())
                .writeDouble(p.compactionThreshold()).writeInt(p.int8Traversal() ? FLAG_INT8_TRAVERSAL : 0).writeLong(levelDraws).writeInt(used).writeLong(g.entry);
        for (int node = 0; node < used; node++) {
            payload.writeLong(g.ids[node]).writeByte(g.levels[node]).writeByte(g.deleted[node] ? 1 : 0);
        }
        payload.writeFloats(g.vectors, 0, used * dim);
        for (int node = 0; node < used; node++) {
            for (int layer = 0; layer <= g.levels[node]; layer++) {
                int[] list = g.listArray(node, layer);
                int offset = g.listOffset(node, layer);
                int n = list[offset];
                payload.writeInt(n);
                payload.writeInts(list, offset + 1, n);
            }
        }
        IndexFiles.write(path, MAGIC, VERSION, payload);
    }

    static HnswIndex read(Path path) throws IOException {
        return IndexFiles.read(path, MAGIC, VERSION, (in, version) -> parse(in, version, path));
    }

    private static HnswIndex parse(LittleEndianReader in, int version, Path path) {
        Metric metric = IndexFiles.readMetric(in, path);
        int dim = IndexFiles.readDimension(in, path);
        int m = in.readInt();
        int efConstruction = in.readInt();
        int efSearch = in.readInt();
        int maxLevel = in.readInt();
        long seed = in.readLong();
        double compaction = in.readDouble();
        int flags = version >= 2 ? in.readInt() : 0;
        IndexFiles.check((flags & ~FLAG_INT8_TRAVERSAL) == 0, path, "unknown HNSW flags " + Integer.toHexString(flags));
        long levelDraws = in.readLong();
        HnswParams params;
        try {
            params = new HnswParams(m, efConstruction, efSearch, maxLevel, seed, compaction,
                    (flags & FLAG_INT8_TRAVERSAL) != 0);
        } catch (io.engram.core.InvalidArgumentException e) {
            throw new CorruptFileException(path + ": invalid HNSW parameters: " + e.getMessage(), e);
        }
        // Each node takes at least 10 header bytes, 4·dim vector bytes and a 4-byte count.
        int used = in.readCount("HNSW node count", 14 + 4 * dim, MAX_NODES);
        long entry = in.readLong();
        HnswIndex index = new HnswIndex(dim, metric, params);
        HnswGraph g = new HnswGraph(dim, m, Math.max(used, 1), params.int8Traversal());
        for (int node = 0; node < used; node++) {
            g.ids[node] = in.readLong();
            int level = in.readUnsignedByte();
            IndexFiles.check(level <= maxLevel, path, "node " + node + " has level " + level + " above max level " + maxLevel);
            g.levels[node] = (byte) level;
            int deleted = in.readUnsignedByte();
            IndexFiles.check(deleted <= 1, path, "node " + node + " has deleted flag " + deleted);
            g.deleted[node] = deleted == 1;
            g.allocateUpper(node, level);
        }
        in.readFloats("HNSW vectors", g.vectors, 0, used * dim);
        for (int node = 0; node < used; node++) {
            g.encode(node);
        }
        for (int node = 0; node < used; node++) {
            for (int layer = 0; layer <= g.levels[node]; layer++) {
                int cap = g.maxDegree(layer);
                int n = in.readCount("neighbour count of node " + node + " on layer " + layer, 4, cap);
                int[] list = g.listArray(node, layer);
                int offset = g.listOffset(node, layer);
                for (int i = 0; i < n; i++) {
                    int neighbour = in.readInt();
                    IndexFiles.check(neighbour >= 0 && neighbour < used && neighbour != node && g.levels[neighbour] >= layer, path,
                            "node " + node + " layer " + layer + " links to invalid node " + neighbour);
                    list[offset + 1 + i] = neighbour;
                }
                list[offset] = n;
            }
        }
        in.expectEnd("HNSW payload");
        if (used == 0) {
            IndexFiles.check(entry == -1L, path, "empty graph with entry " + entry);
        } else {
            int node = HnswGraph.entryNode(entry);
            int level = HnswGraph.entryLevel(entry);
            boolean anyLive = false;
            for (int i = 0; i < used && !anyLive; i++) {
                anyLive = !g.deleted[i];
            }
            IndexFiles.check(entry == -1L ? !anyLive : node >= 0 && node < used && level == g.levels[node], path,
                    "entry point " + entry + " does not name a node at its level");
        }
        g.entry = entry;
        index.restore(g, used, levelDraws);
        return index;
    }
}
