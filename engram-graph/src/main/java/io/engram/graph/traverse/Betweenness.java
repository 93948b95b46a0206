package io.engram.graph.traverse;

import io.engram.graph.Direction;
import io.engram.graph.EdgeCursor;
import io.engram.graph.GraphSnapshot;
import java.util.Arrays;

/**
 * Betweenness centrality by Brandes' algorithm (unweighted shortest paths, parallel edges counted
 * once per edge). O(nodes × edges): a background computation, never a request-path one; the
 * budget bounds it and a partial result covers the sources processed so far.
 *
 * @param scores  by node id, unnormalised (for undirected traversal each pair is counted once)
 * @param sources how many source nodes were processed
 */
public record Betweenness(double[] scores, int sources, boolean partial, StopReason reason) {

    public static Betweenness compute(GraphSnapshot snapshot, Direction direction, Budget budget) {
        BudgetClock clock = new BudgetClock(budget);
        int bound = snapshot.nodeIdBound();
        double[] scores = new double[bound];
        double[] sigma = new double[bound];
        double[] delta = new double[bound];
        int[] dist = new int[bound];
        int[] order = new int[bound];
        EdgeCursor cursor = snapshot.cursor();
        int processed = 0;
        outer:
        for (int s = 0; s < bound; s++) {
            if (!snapshot.exists(s)) {
                continue;
            }
            if (clock.checkNow()) {
                break;
            }
            Arrays.fill(dist, -1);
            Arrays.fill(sigma, 0);
            Arrays.fill(delta, 0);
            dist[s] = 0;
            sigma[s] = 1;
            int head = 0;
            int tail = 0;
            order[tail++] = s;
            while (head < tail) {
                int v = order[head++];
                for (int pass = 0; pass < 2; pass++) {
                    int size = Traversals.edges(cursor, v, direction, pass);
                    for (int i = 0; i < size; i++) {
                        if (clock.expired()) {
                            break outer;
                        }
                        int w = cursor.node(i);
                        if (dist[w] < 0) {
                            dist[w] = dist[v] + 1;
                            order[tail++] = w;
                        }
                        if (dist[w] == dist[v] + 1) {
                            sigma[w] += sigma[v];
                        }
                    }
                }
            }
            // Dependencies, farthest first: each predecessor v of w (dist[v] = dist[w] - 1) gets its share.
            for (int k = tail - 1; k > 0; k--) {
                int w = order[k];
                for (int pass = 0; pass < 2; pass++) {
                    int size = Traversals.edges(cursor, w, reverse(direction), pass);
                    for (int i = 0; i < size; i++) {
                        int v = cursor.node(i);
                        if (dist[v] == dist[w] - 1 && dist[v] >= 0) {
                            delta[v] += sigma[v] / sigma[w] * (1 + delta[w]);
                        }
                    }
                }
                scores[w] += delta[w];
            }
            processed++;
        }
        if (direction == Direction.BOTH) {
            for (int i = 0; i < bound; i++) {
                scores[i] /= 2;
            }
        }
        return new Betweenness(scores, processed, clock.partial(), clock.reason());
    }

    private static Direction reverse(Direction d) {
        return switch (d) {
            case OUT -> Direction.IN;
            case IN -> Direction.OUT;
            case BOTH -> Direction.BOTH;
        };
    }
}
