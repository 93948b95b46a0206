package io.engram.index;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The storage of an HNSW index at one capacity: vectors, ids, levels, tombstones and adjacency,
 * all in flat arrays. Array sizes never change; growing means building a larger graph and
 * publishing it, so a search that captured a graph reads arrays that agree with each other.
 *
 * <p>Adjacency layout (hnswlib's): layer 0 has {@code m0 + 1} ints per node in {@link #level0}
 * (a count, then the neighbours); a node of level L ≥ 1 owns {@code upper[node]} with L blocks of
 * {@code m + 1} ints, block {@code l − 1} for layer l. Writers fill the neighbours first and publish
 * the count with release semantics; readers load the count with acquire semantics, so a reader
 * sees only neighbours that were fully written (possibly an older list, never a torn one).
 *
 * <p>With int8 traversal, {@link #codes} holds one row of {@link #codeStride} bytes per node: the
 * vector as {@code round(x / scale)} in [−127, 127] with {@code scale = max|x| / 127}, then the
 * scale and the dequantised squared norm (for L2) as little-endian floats. They sit at the row's
 * end, which the kernel has just read, so applying them costs no further cache miss. A node's
 * code is written with its vector, before the node is linked, so a reader that reaches a node
 * finds both.
 */
final class HnswGraph {

    private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);

    final int dimension;
    final int m;
    final int m0;
    final int capacity;
    final float[] vectors;
    final long[] ids;
    final byte[] levels;
    final boolean[] deleted;
    final int[] level0;
    final int[][] upper;
    /** Bytes after a code row's components: its scale and squared norm. */
    static final int CODE_TAIL = 8;
    private static final VarHandle FLOATS_LE =
            MethodHandles.byteArrayViewVarHandle(float[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** Int8 code rows, {@code capacity × codeStride}; null without int8 traversal. */
    final byte[] codes;
    final int codeStride;
    /** Entry point and top level packed as {@code level << 32 | node}; -1 when empty. */
    volatile long entry = -1L;

    /** Arrays are indexed by int: this many nodes fit the vector slab, the code rows and the layer-0 lists. */
    static int maxCapacity(int dimension, int m, boolean coded) {
        return (Integer.MAX_VALUE - 8) / Math.max(coded ? dimension + CODE_TAIL : dimension, 2 * m + 1);
    }

    /** Refuses a node count beyond {@link #maxCapacity}, naming the limit, before anything is allocated. */
    static void checkCapacity(int dimension, int m, boolean coded, long requested) {
        int limit = maxCapacity(dimension, m, coded);
        io.engram.core.InvalidArgumentException.check(requested <= limit,
                "an HNSW index of dimension %d holds at most %d vectors (one float[] slab of < 2^31 floats); %d requested",
                dimension, limit, requested);
    }

    HnswGraph(int dimension, int m, int capacity, boolean coded) {
        checkCapacity(dimension, m, coded, capacity);
        this.dimension = dimension;
        this.m = m;
        this.m0 = 2 * m;
        this.capacity = capacity;
        this.vectors = new float[Math.multiplyExact(capacity, dimension)];
        this.ids = new long[capacity];
        this.levels = new byte[capacity];
        this.deleted = new boolean[capacity];
        this.level0 = new int[Math.multiplyExact(capacity, m0 + 1)];
        this.upper = new int[capacity][];
        this.codeStride = dimension + CODE_TAIL;
        this.codes = coded ? new byte[Math.multiplyExact(capacity, codeStride)] : null;
    }

    /** The scale of {@code node}'s code row (its components times this give the vector). */
    float codeScale(int node) {
        return (float) FLOATS_LE.get(codes, node * codeStride + dimension);
    }

    /** The squared norm of {@code node}'s dequantised code. */
    float codeSquare(int node) {
        return (float) FLOATS_LE.get(codes, node * codeStride + dimension + Float.BYTES);
    }

    boolean coded() {
        return codes != null;
    }

    /** Writes the int8 code of {@code node}'s vector (no-op without int8 traversal). */
    void encode(int node) {
        if (codes == null) {
            return;
        }
        int offset = node * dimension;
        int row = node * codeStride;
        float max = 0f;
        for (int i = 0; i < dimension; i++) {
            max = Math.max(max, Math.abs(vectors[offset + i]));
        }
        float scale = max == 0f ? 1f : max / 127f;
        float inverse = 1f / scale;
        long square = 0;
        for (int i = 0; i < dimension; i++) {
            int c = Math.round(vectors[offset + i] * inverse);
            c = Math.max(-127, Math.min(127, c));
            codes[row + i] = (byte) c;
            square += c * c;
        }
        FLOATS_LE.set(codes, row + dimension, scale);
        FLOATS_LE.set(codes, row + dimension + Float.BYTES, (float) (scale * (double) scale * square));
    }

    /** A copy at a larger capacity (holding the writer lock, so nothing changes meanwhile). */
    HnswGraph grow(int newCapacity, int used) {
        HnswGraph g = new HnswGraph(dimension, m, newCapacity, coded());
        System.arraycopy(vectors, 0, g.vectors, 0, used * dimension);
        if (coded()) {
            System.arraycopy(codes, 0, g.codes, 0, used * codeStride);
        }
        System.arraycopy(ids, 0, g.ids, 0, used);
        System.arraycopy(levels, 0, g.levels, 0, used);
        System.arraycopy(deleted, 0, g.deleted, 0, used);
        System.arraycopy(level0, 0, g.level0, 0, used * (m0 + 1));
        for (int i = 0; i < used; i++) {
            g.upper[i] = upper[i] == null ? null : upper[i].clone();
        }
        g.entry = entry;
        return g;
    }

    static long packEntry(int node, int level) {
        return ((long) level << 32) | node;
    }

    static int entryNode(long entry) {
        return (int) entry;
    }

    static int entryLevel(long entry) {
        return (int) (entry >>> 32);
    }

    int maxDegree(int layer) {
        return layer == 0 ? m0 : m;
    }

    /** The array holding {@code node}'s list on {@code layer}. */
    int[] listArray(int node, int layer) {
        return layer == 0 ? level0 : upper[node];
    }

    /** Offset of the count word of {@code node}'s list on {@code layer} inside {@link #listArray}. */
    int listOffset(int node, int layer) {
        return layer == 0 ? node * (m0 + 1) : (layer - 1) * (m + 1);
    }

    /** Neighbour count, read with acquire semantics. */
    static int count(int[] list, int offset) {
        return (int) INTS.getAcquire(list, offset);
    }

    /** Replaces a node's list: neighbours first, then the count with release semantics. */
    static void setList(int[] list, int offset, int[] neighbours, int n) {
        System.arraycopy(neighbours, 0, list, offset + 1, n);
        INTS.setRelease(list, offset, n);
    }

    /** Appends one neighbour (the caller checked there is room). */
    static void append(int[] list, int offset, int neighbour) {
        int n = list[offset];
        list[offset + 1 + n] = neighbour;
        INTS.setRelease(list, offset, n + 1);
    }

    void allocateUpper(int node, int level) {
        upper[node] = level == 0 ? null : new int[level * (m + 1)];
    }

    long bytes(int used) {
        long upperInts = 0;
        for (int i = 0; i < used; i++) {
            if (upper[i] != null) {
                upperInts += upper[i].length + 4; // + array header, roughly
            }
        }
        long codeBytes = codes == null ? 0 : codes.length;
        return codeBytes + 4L * vectors.length + 8L * ids.length + levels.length + deleted.length
                + 4L * level0.length + 8L * upper.length + 4L * upperInts;
    }

    @Override
    public String toString() {
        return "HnswGraph[capacity=" + capacity + ", dim=" + dimension + ", m=" + m + ", levels="
                + Arrays.toString(Arrays.copyOf(levels, Math.min(8, capacity))) + "...]";
    }
}
