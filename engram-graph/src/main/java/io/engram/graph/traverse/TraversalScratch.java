package io.engram.graph.traverse;

import java.util.Arrays;

/**
 * Per-thread reusable arrays for traversals: a generation-stamped visited mark (clearing is one
 * increment), a queue, and depth/parent slots, grown to the largest graph seen. Keeps k-hop and
 * BFS from allocating arrays proportional to the graph on every call.
 */
final class TraversalScratch {
    private static final ThreadLocal<TraversalScratch> LOCAL = ThreadLocal.withInitial(TraversalScratch::new);

    int[] marks = new int[0];
    int[] queue = new int[0];
    int[] depth = new int[0];
    int[] parent = new int[0];
    private int generation;

    static TraversalScratch get(int nodes) {
        TraversalScratch s = LOCAL.get();
        s.reset(nodes);
        return s;
    }

    private void reset(int nodes) {
        if (marks.length < nodes) {
            int capacity = Math.max(nodes, marks.length + (marks.length >> 1));
            marks = new int[capacity];
            queue = new int[capacity];
            depth = new int[capacity];
            parent = new int[capacity];
            generation = 0;
        }
        if (++generation == Integer.MAX_VALUE) {
            Arrays.fill(marks, 0);
            generation = 1;
        }
    }

    boolean visited(int node) {
        return marks[node] == generation;
    }

    /** Marks {@code node}; returns false when it was already marked. */
    boolean mark(int node) {
        if (marks[node] == generation) {
            return false;
        }
        marks[node] = generation;
        return true;
    }
}
