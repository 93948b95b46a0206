package io.engram.engine.collection;

import io.engram.graph.EdgeCursor;
import io.engram.graph.GraphSnapshot;

/**
 * The entity graph's one breadth-first walk: over both edge directions, from several starts, up to
 * a hop and a node limit, with a visitor that may stop it. Visited marks, the queue and depths live
 * in per-thread flat arrays stamped with a generation, so a walk allocates nothing once the arrays
 * have grown to the graph (context assembly runs one per request).
 */
final class BreadthFirst {

    /** Called once per node reached (starts with hops 0 and edge −1); returns false to stop the walk. */
    @FunctionalInterface
    interface Visitor {
        boolean reached(int node, int hops, EdgeCursor cursor, int edge);
    }

    private static final ThreadLocal<BreadthFirst> LOCAL = ThreadLocal.withInitial(BreadthFirst::new);

    private int[] marks = new int[0];
    private int[] queue = new int[0];
    private int[] depths = new int[0];
    private int generation;

    private BreadthFirst() {}

    /**
     * Walks from {@code starts[0..startCount)} (negative entries skipped, duplicates once), expanding
     * nodes fewer than {@code maxHops} hops away, marking at most {@code maxNodes} nodes.
     */
    static void walk(GraphSnapshot snapshot, int[] starts, int startCount, int maxHops, int maxNodes, Visitor visitor) {
        LOCAL.get().run(snapshot, starts, startCount, maxHops, maxNodes, visitor);
    }

    private void run(GraphSnapshot snapshot, int[] starts, int startCount, int maxHops, int maxNodes, Visitor visitor) {
        int bound = snapshot.nodeIdBound();
        if (marks.length < bound) {
            int capacity = Math.max(bound, marks.length + (marks.length >> 1));
            marks = new int[capacity];
            queue = new int[capacity];
            depths = new int[capacity];
            generation = 0;
        }
        if (++generation == Integer.MAX_VALUE) {
            java.util.Arrays.fill(marks, 0);
            generation = 1;
        }
        EdgeCursor cursor = snapshot.cursor();
        int head = 0;
        int tail = 0;
        for (int i = 0; i < startCount; i++) { // every start is reported; maxNodes bounds the expansion
            int start = starts[i];
            if (start < 0 || start >= bound || marks[start] == generation) {
                continue;
            }
            marks[start] = generation;
            queue[tail] = start;
            depths[tail++] = 0;
            if (!visitor.reached(start, 0, cursor, -1)) {
                return;
            }
        }
        while (head < tail && tail < maxNodes) {
            int node = queue[head];
            int d = depths[head++];
            if (d >= maxHops) {
                continue;
            }
            for (int direction = 0; direction < 2; direction++) {
                int n = direction == 0 ? cursor.out(node) : cursor.in(node);
                for (int i = 0; i < n; i++) {
                    if (tail >= maxNodes) {
                        return;
                    }
                    int next = cursor.node(i);
                    if (next >= bound || marks[next] == generation) {
                        continue;
                    }
                    marks[next] = generation;
                    queue[tail] = next;
                    depths[tail++] = d + 1;
                    if (!visitor.reached(next, d + 1, cursor, i)) {
                        return;
                    }
                }
            }
        }
    }
}
