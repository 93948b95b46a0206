package io.engram.graph.traverse;

import io.engram.core.InvalidArgumentException;
import io.engram.graph.EdgeCursor;
import io.engram.graph.GraphSnapshot;

/**
 * PageRank by power iteration over the snapshot's out-edges (each edge one vote, weights
 * ignored), with the mass of dangling nodes spread uniformly. Ranks sum to 1 over live nodes.
 *
 * @param ranks      by node id; 0 for ids that are not live nodes
 * @param iterations iterations completed (fewer than asked when the budget ran out: partial)
 */
public record PageRank(double[] ranks, int iterations, boolean partial, StopReason reason) {
    /** The usual damping factor. */
    public static final double DAMPING = 0.85;
    public static final int ITERATIONS = 20;

    /** d = 0.85, 20 iterations. */
    public static PageRank compute(GraphSnapshot snapshot, Budget budget) {
        return compute(snapshot, DAMPING, ITERATIONS, budget);
    }

    public static PageRank compute(GraphSnapshot snapshot, double damping, int iterations, Budget budget) {
        InvalidArgumentException.check(damping > 0 && damping < 1, "damping must be in (0, 1), got %s", damping);
        InvalidArgumentException.check(iterations >= 0, "iterations must be >= 0, got %d", iterations);
        BudgetClock clock = new BudgetClock(budget);
        int bound = snapshot.nodeIdBound();
        boolean[] live = new boolean[bound];
        int[] outDegree = new int[bound];
        long n = 0;
        EdgeCursor cursor = snapshot.cursor();
        for (int v = 0; v < bound; v++) {
            if (snapshot.exists(v)) {
                live[v] = true;
                outDegree[v] = cursor.out(v);
                n++;
            }
        }
        double[] rank = new double[bound];
        double[] next = new double[bound];
        if (n == 0) {
            return new PageRank(rank, 0, false, StopReason.COMPLETE);
        }
        for (int v = 0; v < bound; v++) {
            rank[v] = live[v] ? 1.0 / n : 0;
        }
        int done = 0;
        for (int it = 0; it < iterations; it++) {
            if (clock.checkNow()) {
                break;
            }
            double dangling = 0;
            java.util.Arrays.fill(next, 0);
            for (int v = 0; v < bound; v++) {
                int deg = outDegree[v];
                if (deg == 0) {
                    dangling += rank[v];
                    continue;
                }
                double share = rank[v] / deg;
                cursor.out(v);
                for (int i = 0; i < deg; i++) {
                    next[cursor.node(i)] += share;
                }
            }
            double base = (1 - damping) / n + damping * dangling / n;
            for (int v = 0; v < bound; v++) {
                next[v] = live[v] ? base + damping * next[v] : 0;
            }
            double[] t = rank;
            rank = next;
            next = t;
            done++;
        }
        return new PageRank(rank, done, clock.partial(), clock.reason());
    }
}
