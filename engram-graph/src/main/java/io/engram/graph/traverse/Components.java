package io.engram.graph.traverse;

import io.engram.graph.EdgeCursor;
import io.engram.graph.GraphSnapshot;
import java.util.Arrays;

/**
 * Weakly connected components (edge direction ignored) by union–find with path halving and
 * union by size: one pass over the out-edges, no recursion, no queue.
 *
 * @param componentOf for each node id below the snapshot's bound, a component index in
 *                    [0, count), numbered in order of each component's smallest node; -1 for ids
 *                    that are not live nodes
 */
public record Components(int[] componentOf, int count, int[] sizes, boolean partial, StopReason reason) {

    public static Components weak(GraphSnapshot snapshot, Budget budget) {
        BudgetClock clock = new BudgetClock(budget);
        int bound = snapshot.nodeIdBound();
        int[] parent = new int[bound];
        int[] size = new int[bound];
        boolean[] live = new boolean[bound];
        for (int n = 0; n < bound; n++) {
            parent[n] = n;
            size[n] = 1;
        }
        EdgeCursor cursor = snapshot.cursor();
        outer:
        for (int n = 0; n < bound; n++) {
            if (!snapshot.exists(n)) {
                continue;
            }
            live[n] = true;
            for (int i = 0, deg = cursor.out(n); i < deg; i++) {
                if (clock.expired()) {
                    break outer;
                }
                union(parent, size, n, cursor.node(i));
            }
        }
        int[] componentOf = new int[bound];
        Arrays.fill(componentOf, -1);
        int[] rootIndex = new int[bound];
        Arrays.fill(rootIndex, -1);
        int count = 0;
        int[] sizes = new int[16];
        for (int n = 0; n < bound; n++) {
            if (!live[n]) {
                continue;
            }
            int r = find(parent, n);
            if (rootIndex[r] < 0) {
                if (count == sizes.length) {
                    sizes = Arrays.copyOf(sizes, count * 2);
                }
                rootIndex[r] = count++;
            }
            componentOf[n] = rootIndex[r];
            sizes[rootIndex[r]]++;
        }
        return new Components(componentOf, count, Arrays.copyOf(sizes, count), clock.partial(), clock.reason());
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    private static void union(int[] parent, int[] size, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra == rb) {
            return;
        }
        if (size[ra] < size[rb]) {
            int t = ra;
            ra = rb;
            rb = t;
        }
        parent[rb] = ra;
        size[ra] += size[rb];
    }
}
