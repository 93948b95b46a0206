package io.engram.graph;

/**
 * One sorted adjacency list as a slice of parallel arrays: neighbour ids, label ids and weights,
 * ordered by (neighbour, label). Immutable; edits build a new one in a single merge pass.
 */
final class Adjacency {
    static final Adjacency EMPTY = new Adjacency(new int[0], new int[0], new float[0], 0, 0);

    final int[] nodes;
    final int[] labels;
    final float[] weights;
    final int from;
    final int to;

    Adjacency(int[] nodes, int[] labels, float[] weights, int from, int to) {
        this.nodes = nodes;
        this.labels = labels;
        this.weights = weights;
        this.from = from;
        this.to = to;
    }

    int size() {
        return to - from;
    }

    /** The sort key of an entry: neighbour in the high half, label in the low half. */
    static long key(int node, int label) {
        return ((long) node << 32) | (label & 0xFFFFFFFFL);
    }

    /** Index of (node, label) in the slice, or {@code -(insertion point) - 1}. */
    int find(int node, int label) {
        long target = key(node, label);
        int lo = from;
        int hi = to - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long k = key(nodes[mid], labels[mid]);
            if (k < target) {
                lo = mid + 1;
            } else if (k > target) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }
}
