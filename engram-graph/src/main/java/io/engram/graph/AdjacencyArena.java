package io.engram.graph;

/**
 * Where committed adjacency lists are written: large chunks of parallel arrays filled by bump
 * allocation, instead of three small arrays per node version. A chunk is big enough to be
 * allocated outside the young generation and is never copied by the collector, so a stream of
 * commits leaves the garbage collector one small {@link NodeVersion} per changed node rather
 * than four objects (measured: with one writer committing flat out, young-collection pauses were
 * what cost readers their processor time). A chunk is freed by the collector once compaction has
 * dropped every version pointing into it. Used only under the commit lock.
 */
final class AdjacencyArena {
    /** Entries per chunk: 4 MiB per array. A list longer than a quarter chunk gets its own arrays. */
    static final int CHUNK = 1 << 20;

    private int[] nodes;
    private int[] labels;
    private float[] weights;
    private int used = CHUNK;

    /** A list of {@code size} entries to fill: {@code [from, from + size)} of the returned arrays. */
    Adjacency reserve(int size) {
        if (size > CHUNK / 4) {
            return new Adjacency(new int[size], new int[size], new float[size], 0, size);
        }
        if (used + size > CHUNK) {
            nodes = new int[CHUNK];
            labels = new int[CHUNK];
            weights = new float[CHUNK];
            used = 0;
        }
        Adjacency slice = new Adjacency(nodes, labels, weights, used, used + size);
        used += size;
        return slice;
    }

    /** Gives back the unused tail of the last reservation (a merge that deleted entries). */
    void release(Adjacency reserved, int usedSize) {
        if (reserved.nodes == nodes && reserved.to == used) {
            used = reserved.from + usedSize;
        }
    }
}
