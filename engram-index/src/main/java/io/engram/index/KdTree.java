package io.engram.index;

import java.util.Arrays;

/**
 * An immutable KD-tree over rows {@code [0, size)} of a row-major vector slab: nodes in flat
 * arrays, leaves holding up to {@code leafSize} rows as a range of a permutation array (scikit-learn's
 * leaf buckets, rather than one point per node).
 *
 * <p>Each internal node splits at the median of its highest-variance dimension (the first on
 * ties): rows {@code [start, mid)} of its range hold coordinates ≤ the split value and rows
 * {@code [mid, end)} coordinates ≥ it. Children of a node of c rows hold ⌊c/2⌋ and ⌈c/2⌉, so the
 * depth is at most ⌈log2(n / leafSize)⌉ + 1 levels.
 *
 * <p>Optionally every node keeps its bounding box (min and max per dimension), which the inner
 * product bound needs. Built once and never modified, so searches can read it without locking.
 */
final class KdTree {

    static final KdTree EMPTY = new KdTree(0, 0, new int[0], new int[0], new float[0], new int[0], new int[0],
            new int[0], new int[0], null, null, 0);

    /** Rows covered: {@code [0, size)}. */
    final int size;
    final int nodeCount;
    final int[] perm;
    /** Split dimension of an internal node, -1 for a leaf. */
    final int[] splitDim;
    final float[] splitValue;
    final int[] left;
    final int[] right;
    /** A node's rows are {@code perm[start, end)}. */
    final int[] start;
    final int[] end;
    /** Per node {@code dim} minimums and maximums, or null when boxes were not asked for. */
    final float[] boxLo;
    final float[] boxHi;
    /** Levels from root to deepest leaf (0 when empty). */
    final int depth;

    private KdTree(int size, int nodeCount, int[] perm, int[] splitDim, float[] splitValue, int[] left, int[] right,
            int[] start, int[] end, float[] boxLo, float[] boxHi, int depth) {
        this.size = size;
        this.nodeCount = nodeCount;
        this.perm = perm;
        this.splitDim = splitDim;
        this.splitValue = splitValue;
        this.left = left;
        this.right = right;
        this.start = start;
        this.end = end;
        this.boxLo = boxLo;
        this.boxHi = boxHi;
        this.depth = depth;
    }

    boolean isLeaf(int node) {
        return splitDim[node] < 0;
    }

    long bytes() {
        return 4L * perm.length + 24L * nodeCount + (boxLo == null ? 0 : 4L * (boxLo.length + boxHi.length));
    }

    /** Builds a tree over rows {@code [0, rows)} of {@code vectors}. */
    static KdTree build(float[] vectors, int rows, int dim, int leafSize, boolean boxes) {
        if (rows == 0) {
            return EMPTY;
        }
        return new Builder(vectors, rows, dim, leafSize, boxes).build();
    }

    /** Recursive median-split construction into growable node arrays. */
    private static final class Builder {
        private final float[] vectors;
        private final int rows;
        private final int dim;
        private final int leafSize;
        private final boolean boxes;
        private final int[] perm;
        private final float[] keys;
        private final double[] mean;
        private final double[] spread;
        private int[] splitDim;
        private float[] splitValue;
        private int[] left;
        private int[] right;
        private int[] start;
        private int[] end;
        private float[] boxLo;
        private float[] boxHi;
        private int nodes;
        private int depth;

        Builder(float[] vectors, int rows, int dim, int leafSize, boolean boxes) {
            this.vectors = vectors;
            this.rows = rows;
            this.dim = dim;
            this.leafSize = leafSize;
            this.boxes = boxes;
            this.perm = new int[rows];
            Arrays.setAll(perm, i -> i);
            this.keys = new float[rows];
            this.mean = new double[dim];
            this.spread = new double[dim];
            int expected = Math.max(1, 4 * rows / Math.max(leafSize, 1) + 1);
            splitDim = new int[expected];
            splitValue = new float[expected];
            left = new int[expected];
            right = new int[expected];
            start = new int[expected];
            end = new int[expected];
            if (boxes) {
                boxLo = new float[expected * dim];
                boxHi = new float[expected * dim];
            }
        }

        KdTree build() {
            node(0, rows, 1);
            return new KdTree(rows, nodes, perm, Arrays.copyOf(splitDim, nodes), Arrays.copyOf(splitValue, nodes),
                    Arrays.copyOf(left, nodes), Arrays.copyOf(right, nodes), Arrays.copyOf(start, nodes),
                    Arrays.copyOf(end, nodes), boxes ? Arrays.copyOf(boxLo, nodes * dim) : null,
                    boxes ? Arrays.copyOf(boxHi, nodes * dim) : null, depth);
        }

        private int node(int from, int to, int level) {
            int node = newNode();
            start[node] = from;
            end[node] = to;
            depth = Math.max(depth, level);
            if (to - from <= leafSize) {
                splitDim[node] = -1;
                left[node] = -1;
                right[node] = -1;
                if (boxes) {
                    leafBox(node, from, to);
                }
                return node;
            }
            int s = widestDimension(from, to);
            int mid = from + (to - from) / 2;
            for (int i = from; i < to; i++) {
                keys[i] = vectors[perm[i] * dim + s];
            }
            select(from, to - 1, mid);
            splitDim[node] = s;
            splitValue[node] = keys[mid];
            int l = node(from, mid, level + 1);
            int r = node(mid, to, level + 1);
            left[node] = l;
            right[node] = r;
            if (boxes) {
                for (int j = 0; j < dim; j++) {
                    boxLo[node * dim + j] = Math.min(boxLo[l * dim + j], boxLo[r * dim + j]);
                    boxHi[node * dim + j] = Math.max(boxHi[l * dim + j], boxHi[r * dim + j]);
                }
            }
            return node;
        }

        private int newNode() {
            if (nodes == splitDim.length) {
                int capacity = nodes * 2;
                splitDim = Arrays.copyOf(splitDim, capacity);
                splitValue = Arrays.copyOf(splitValue, capacity);
                left = Arrays.copyOf(left, capacity);
                right = Arrays.copyOf(right, capacity);
                start = Arrays.copyOf(start, capacity);
                end = Arrays.copyOf(end, capacity);
                if (boxes) {
                    boxLo = Arrays.copyOf(boxLo, capacity * dim);
                    boxHi = Arrays.copyOf(boxHi, capacity * dim);
                }
            }
            return nodes++;
        }

        private void leafBox(int node, int from, int to) {
            int base = node * dim;
            Arrays.fill(boxLo, base, base + dim, Float.POSITIVE_INFINITY);
            Arrays.fill(boxHi, base, base + dim, Float.NEGATIVE_INFINITY);
            for (int i = from; i < to; i++) {
                int offset = perm[i] * dim;
                for (int j = 0; j < dim; j++) {
                    float x = vectors[offset + j];
                    boxLo[base + j] = Math.min(boxLo[base + j], x);
                    boxHi[base + j] = Math.max(boxHi[base + j], x);
                }
            }
        }

        /** The dimension of largest population variance over the range; the first one on ties. */
        private int widestDimension(int from, int to) {
            Arrays.fill(mean, 0);
            Arrays.fill(spread, 0);
            int n = to - from;
            for (int i = from; i < to; i++) {
                int offset = perm[i] * dim;
                for (int j = 0; j < dim; j++) {
                    mean[j] += vectors[offset + j];
                }
            }
            for (int j = 0; j < dim; j++) {
                mean[j] /= n;
            }
            // Two passes (mean, then squared deviations) avoid the cancellation of E[x²] − E[x]².
            for (int i = from; i < to; i++) {
                int offset = perm[i] * dim;
                for (int j = 0; j < dim; j++) {
                    double deviation = vectors[offset + j] - mean[j];
                    spread[j] += deviation * deviation;
                }
            }
            int best = 0;
            for (int j = 1; j < dim; j++) {
                if (spread[j] > spread[best]) {
                    best = j;
                }
            }
            return best;
        }

        /**
         * Hoare quickselect on {@code keys[lo..hi]} (with {@code perm} alongside): afterwards
         * {@code keys[k]} is the k-th smallest, everything before it ≤ and everything after ≥.
         */
        private void select(int lo, int hi, int k) {
            while (hi > lo) {
                int mid = (lo + hi) >>> 1;
                float pivot = medianOfThree(keys[lo], keys[mid], keys[hi]);
                int i = lo;
                int j = hi;
                while (i <= j) {
                    while (keys[i] < pivot) {
                        i++;
                    }
                    while (keys[j] > pivot) {
                        j--;
                    }
                    if (i <= j) {
                        swap(i, j);
                        i++;
                        j--;
                    }
                }
                if (k <= j) {
                    hi = j;
                } else if (k >= i) {
                    lo = i;
                } else {
                    return; // k lies between the partitions, where every key equals the pivot
                }
            }
        }

        private static float medianOfThree(float a, float b, float c) {
            return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
        }

        private void swap(int i, int j) {
            float key = keys[i];
            keys[i] = keys[j];
            keys[j] = key;
            int row = perm[i];
            perm[i] = perm[j];
            perm[j] = row;
        }
    }
}
