package io.engram.graph.traverse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.engram.core.InvalidArgumentException;
import io.engram.graph.Direction;
import io.engram.graph.Graph;
import io.engram.graph.GraphLoader;
import io.engram.graph.GraphSnapshot;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TraversalsTest {

    /**
     * <pre>
     * 0 → 1 → 2 → 3      0 → 4 → 3 (weights: 0→1 1, 1→2 1, 2→3 1, 0→4 5, 4→3 5)
     *         2 → 5      6 → 7   (a second component)   8 (isolated)
     * </pre>
     */
    private static Graph fixed() {
        GraphLoader l = Graph.loader(9);
        l.edge(0, "r", 1, 1).edge(1, "r", 2, 1).edge(2, "r", 3, 1).edge(0, "r", 4, 5).edge(4, "r", 3, 5);
        l.edge(2, "r", 5, 1).edge(6, "r", 7, 1);
        return l.build();
    }

    @Test
    void kHopSetsAndDepths() {
        try (GraphSnapshot s = fixed().snapshot()) {
            Traversal one = Traversals.kHop(s, 0, 1, Direction.OUT, 100, Budget.unlimited());
            assertThat(one.nodes()).containsExactly(1, 4);
            Traversal two = Traversals.kHop(s, 0, 2, Direction.OUT, 100, Budget.unlimited());
            assertThat(two.nodes()).containsExactly(1, 4, 2, 3);
            assertThat(two.depths()).containsExactly(1, 1, 2, 2);
            assertThat(two.partial()).isFalse();
            Traversal in = Traversals.kHop(s, 3, 1, Direction.IN, 100, Budget.unlimited());
            assertThat(in.nodes()).containsExactly(2, 4);
            Traversal both = Traversals.kHop(s, 7, 3, Direction.BOTH, 100, Budget.unlimited());
            assertThat(both.nodes()).containsExactly(6);
            Traversal limited = Traversals.kHop(s, 0, 3, Direction.OUT, 2, Budget.unlimited());
            assertThat(limited.nodes()).containsExactly(1, 4);
            assertThat(limited.partial()).as("the caller's own limit is not a budget cut").isFalse();
        }
    }

    @Test
    void depthsFromLevelsMatchABreadthFirstReference() {
        SplittableRandom random = new SplittableRandom(4);
        GraphLoader l = Graph.loader(400);
        for (int i = 0; i < 1200; i++) {
            l.edge(random.nextInt(400), "r", random.nextInt(400), 1);
        }
        try (GraphSnapshot s = l.build().snapshot()) {
            for (int start : new int[] {0, 17, 399}) {
                Traversal t = Traversals.kHop(s, start, 5, Direction.BOTH, Integer.MAX_VALUE, Budget.unlimited());
                int[] reference = new int[400];
                java.util.Arrays.fill(reference, -1);
                reference[start] = 0;
                java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>(java.util.List.of(start));
                io.engram.graph.EdgeCursor c = s.cursor();
                while (!queue.isEmpty()) {
                    int node = queue.poll();
                    for (int pass = 0; pass < 2; pass++) {
                        int size = pass == 0 ? c.out(node) : c.in(node);
                        for (int i = 0; i < size; i++) {
                            int next = c.node(i);
                            if (reference[next] < 0) {
                                reference[next] = reference[node] + 1;
                                queue.add(next);
                            }
                        }
                    }
                }
                for (int i = 0; i < t.size(); i++) {
                    assertThat(t.depths()[i]).as("depth of %d from %d", t.nodes()[i], start).isEqualTo(reference[t.nodes()[i]]);
                }
                long expected = java.util.Arrays.stream(reference).filter(d -> d >= 1 && d <= 5).count();
                assertThat(t.size()).isEqualTo((int) expected);
            }
        }
    }

    @Test
    void aReservationBringsTheDeadlineForward() {
        BudgetClock clock = new BudgetClock(Budget.ofTime(Duration.ofHours(1)));
        assertThat(clock.checkNow()).isFalse();
        clock.reserve(Duration.ofHours(2).toNanos());
        assertThat(clock.checkNow()).isTrue();
        assertThat(clock.reason()).isEqualTo(StopReason.TIME);
    }

    @Test
    void budgetsCutTraversalsShortAndSaySo() {
        try (GraphSnapshot s = fixed().snapshot()) {
            Traversal hops = Traversals.bfs(s, 0, Direction.OUT, Budget.unlimited().withMaxHops(1));
            assertThat(hops.nodes()).containsExactly(0, 1, 4);
            assertThat(hops.partial()).isTrue();
            assertThat(hops.reason()).isEqualTo(StopReason.HOPS);
            Traversal results = Traversals.bfs(s, 0, Direction.OUT, Budget.unlimited().withMaxResults(3));
            assertThat(results.nodes()).hasSize(4); // start + 3
            assertThat(results.reason()).isEqualTo(StopReason.RESULTS);
            Traversal time = Traversals.bfs(s, 0, Direction.OUT, Budget.ofTime(Duration.ZERO));
            assertThat(time.partial()).isTrue();
            assertThat(time.reason()).isEqualTo(StopReason.TIME);
            Traversal full = Traversals.bfs(s, 0, Direction.OUT, Budget.unlimited());
            assertThat(full.nodes()).containsExactly(0, 1, 4, 2, 3, 5);
            assertThat(full.partial()).isFalse();
        }
    }

    @Test
    void shortestPathsUnweightedAndWeighted() {
        try (GraphSnapshot s = fixed().snapshot()) {
            Path hops = Traversals.shortestPath(s, 0, 3, Direction.OUT, Budget.unlimited());
            assertThat(hops.nodes()).containsExactly(0, 4, 3);
            assertThat(hops.cost()).isEqualTo(2);
            Path weighted = Traversals.weightedShortestPath(s, 0, 3, Direction.OUT, EdgeCost.WEIGHT, Budget.unlimited());
            assertThat(weighted.nodes()).containsExactly(0, 1, 2, 3);
            assertThat(weighted.cost()).isEqualTo(3);
            Path reverse = Traversals.shortestPath(s, 3, 0, Direction.IN, Budget.unlimited());
            assertThat(reverse.nodes()).containsExactly(3, 4, 0);
            Path none = Traversals.shortestPath(s, 0, 7, Direction.OUT, Budget.unlimited());
            assertThat(none.found()).isFalse();
            assertThat(none.partial()).isFalse();
            assertThat(none.cost()).isInfinite();
            assertThatThrownBy(() -> Traversals.weightedShortestPath(s, 0, 3, Direction.OUT, (a, l, b, w) -> -1,
                    Budget.unlimited())).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("-1.0");
            assertThatThrownBy(() -> Traversals.shortestPath(s, 0, 42, Direction.OUT, Budget.unlimited()))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("node 42 does not exist");
        }
    }

    @Test
    void distinctPathCounts() {
        try (GraphSnapshot s = fixed().snapshot()) {
            PathCount c = Traversals.countPaths(s, 0, 3, Direction.OUT, 5, Budget.unlimited());
            assertThat(c.total()).isEqualTo(2);
            assertThat(c.byLength()).containsExactly(0, 0, 1, 1, 0, 0);
            assertThat(Traversals.countPaths(s, 0, 3, Direction.OUT, 2, Budget.unlimited()).total()).isEqualTo(1);
            assertThatThrownBy(() -> Traversals.countPaths(s, 0, 3, Direction.OUT, 6, Budget.unlimited()))
                    .isInstanceOf(InvalidArgumentException.class);
        }
        // A complete digraph on 5 nodes: simple paths 0 → 4 with h edges = 3!/(4-h)! (choices of intermediates).
        GraphLoader l = Graph.loader(5);
        for (int a = 0; a < 5; a++) {
            for (int b = 0; b < 5; b++) {
                if (a != b) {
                    l.edge(a, "k", b, 1);
                }
            }
        }
        try (GraphSnapshot s = l.build().snapshot()) {
            PathCount c = Traversals.countPaths(s, 0, 4, Direction.OUT, 5, Budget.unlimited());
            assertThat(c.byLength()).containsExactly(0, 1, 3, 6, 6, 0);
            assertThat(c.total()).isEqualTo(16);
        }
    }

    @Test
    void weakComponents() {
        try (GraphSnapshot s = fixed().snapshot()) {
            Components c = Components.weak(s, Budget.unlimited());
            assertThat(c.count()).isEqualTo(3);
            assertThat(c.sizes()).containsExactly(6, 2, 1);
            assertThat(c.componentOf()).containsExactly(0, 0, 0, 0, 0, 0, 1, 1, 2);
        }
    }

    @Test
    void pageRankMatchesAPlainPowerIteration() {
        long seed = 5;
        SplittableRandom random = new SplittableRandom(seed);
        int n = 200;
        GraphLoader l = Graph.loader(n);
        boolean[][] adj = new boolean[n][n];
        for (int i = 0; i < 1500; i++) {
            int a = random.nextInt(n);
            int b = random.nextInt(n);
            adj[a][b] = true;
            l.edge(a, "e", b, 1);
        }
        double[] expected = plainPowerIteration(adj, 0.85, 20);
        try (GraphSnapshot s = l.build().snapshot()) {
            PageRank pr = PageRank.compute(s, Budget.unlimited());
            assertThat(pr.iterations()).isEqualTo(20);
            for (int i = 0; i < n; i++) {
                assertThat(pr.ranks()[i]).as("seed %d node %d", seed, i).isCloseTo(expected[i], within(1e-6));
            }
        }
    }

    /** The textbook dense formulation, written independently of the implementation under test. */
    private static double[] plainPowerIteration(boolean[][] adj, double d, int iterations) {
        int n = adj.length;
        double[] r = new double[n];
        java.util.Arrays.fill(r, 1.0 / n);
        for (int it = 0; it < iterations; it++) {
            double[] next = new double[n];
            for (int j = 0; j < n; j++) {
                int outs = 0;
                for (int k = 0; k < n; k++) {
                    outs += adj[j][k] ? 1 : 0;
                }
                for (int i = 0; i < n; i++) {
                    double m = outs == 0 ? 1.0 / n : (adj[j][i] ? 1.0 / outs : 0);
                    next[i] += d * m * r[j];
                }
            }
            for (int i = 0; i < n; i++) {
                next[i] += (1 - d) / n;
            }
            r = next;
        }
        return r;
    }

    @Test
    void betweennessOnAPath() {
        GraphLoader l = Graph.loader(4);
        l.edge(0, "p", 1, 1).edge(1, "p", 2, 1).edge(2, "p", 3, 1);
        try (GraphSnapshot s = l.build().snapshot()) {
            Betweenness b = Betweenness.compute(s, Direction.BOTH, Budget.unlimited());
            assertThat(b.scores()).containsExactly(0, 2, 2, 0);
            Betweenness directed = Betweenness.compute(s, Direction.OUT, Budget.unlimited());
            assertThat(directed.scores()).containsExactly(0, 2, 2, 0);
        }
    }
}
