package io.engram.bench.graph;

import io.engram.core.InvalidArgumentException;
import java.util.SplittableRandom;

/**
 * R-MAT edges with the Graph500 parameters (a 0.57, b 0.19, c 0.19, d 0.05): each edge picks a
 * quadrant of the adjacency matrix per bit of the scale, giving the skewed, community-like
 * degree distribution of real graphs. Node ids are then shuffled by a seeded permutation (as
 * Graph500 does) so that hubs are not clustered at low ids; ids at or above {@code nodes} (when
 * it is not a power of two) are redrawn. Self-loops and duplicates are kept; the loader merges
 * duplicates.
 */
public final class RmatGenerator {
    public static final double A = 0.57;
    public static final double B = 0.19;
    public static final double C = 0.19;

    private RmatGenerator() {}

    /** {@code [sources, targets]} of {@code edges} edges over {@code nodes} nodes. */
    public static int[][] generate(int nodes, int edges, long seed) {
        InvalidArgumentException.check(nodes >= 2, "nodes must be >= 2, got %d", nodes);
        InvalidArgumentException.check(edges >= 0, "edges must be >= 0, got %d", edges);
        int scale = 32 - Integer.numberOfLeadingZeros(nodes - 1);
        SplittableRandom random = new SplittableRandom(seed);
        int[] permutation = new int[nodes];
        for (int i = 0; i < nodes; i++) {
            permutation[i] = i;
        }
        for (int i = nodes - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = permutation[i];
            permutation[i] = permutation[j];
            permutation[j] = t;
        }
        int[] sources = new int[edges];
        int[] targets = new int[edges];
        for (int e = 0; e < edges; e++) {
            int s;
            int t;
            do {
                s = 0;
                t = 0;
                for (int bit = 0; bit < scale; bit++) {
                    double r = random.nextDouble();
                    s <<= 1;
                    t <<= 1;
                    if (r < A) {
                        continue;
                    } else if (r < A + B) {
                        t |= 1;
                    } else if (r < A + B + C) {
                        s |= 1;
                    } else {
                        s |= 1;
                        t |= 1;
                    }
                }
            } while (s >= nodes || t >= nodes);
            sources[e] = permutation[s];
            targets[e] = permutation[t];
        }
        return new int[][] {sources, targets};
    }
}
