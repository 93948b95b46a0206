package io.engram.index;

/**
 * Which nodes a search has seen, cleared in O(1) by bumping a generation (hnswlib's visited-list
 * trick): a node is visited when its mark equals the current generation.
 */
final class VisitedSet {

    private int[] marks;
    private int generation;

    VisitedSet(int capacity) {
        marks = new int[Math.max(capacity, 16)];
    }

    /** Starts a new search over up to {@code capacity} nodes. */
    void reset(int capacity) {
        if (capacity > marks.length) {
            marks = new int[Math.max(capacity, marks.length + (marks.length >> 1))];
            generation = 0;
        }
        generation++;
        if (generation == 0) { // wrapped: old marks could collide with the new generation
            java.util.Arrays.fill(marks, 0);
            generation = 1;
        }
    }

    /** Marks {@code node}; returns true when it was not yet visited in this search. */
    boolean visit(int node) {
        if (marks[node] == generation) {
            return false;
        }
        marks[node] = generation;
        return true;
    }
}
