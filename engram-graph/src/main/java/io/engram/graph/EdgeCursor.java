package io.engram.graph;

/**
 * A reusable window on one node's edges in a snapshot: position it with {@link #out} or
 * {@link #in}, then read entries by index. It copies nothing and allocates nothing, so hot
 * traversal loops keep one cursor per thread. Entries are ordered by (neighbour, label).
 */
public final class EdgeCursor {
    private final GraphSnapshot snapshot;
    int[] nodes;
    int[] labels;
    float[] weights;
    int from;
    int to;

    EdgeCursor(GraphSnapshot snapshot) {
        this.snapshot = snapshot;
        set(Adjacency.EMPTY);
    }

    /** Positions on {@code node}'s out-edges; returns their count (0 for a missing node). */
    public int out(int node) {
        snapshot.position(node, true, this);
        return to - from;
    }

    /** Positions on {@code node}'s in-edges; returns their count (0 for a missing node). */
    public int in(int node) {
        snapshot.position(node, false, this);
        return to - from;
    }

    public int size() {
        return to - from;
    }

    /** The neighbour at entry {@code i}. */
    public int node(int i) {
        return nodes[from + checkIndex(i)];
    }

    public int label(int i) {
        return labels[from + checkIndex(i)];
    }

    public String labelName(int i) {
        return snapshot.labelName(label(i));
    }

    public float weight(int i) {
        return weights[from + checkIndex(i)];
    }

    private int checkIndex(int i) {
        if (i < 0 || i >= to - from) {
            throw new IndexOutOfBoundsException("edge index " + i + " outside [0, " + (to - from) + ")");
        }
        return i;
    }

    void set(Adjacency a) {
        set(a.nodes, a.labels, a.weights, a.from, a.to);
    }

    void set(int[] nodes, int[] labels, float[] weights, int from, int to) {
        this.nodes = nodes;
        this.labels = labels;
        this.weights = weights;
        this.from = from;
        this.to = to;
    }
}
