package io.engram.graph.community;

import static org.assertj.core.api.Assertions.assertThat;

import io.engram.graph.ConsolidatedView;
import io.engram.graph.Direction;
import io.engram.graph.Graph;
import io.engram.graph.GraphLoader;
import io.engram.graph.GraphSnapshot;
import io.engram.graph.traverse.Budget;
import io.engram.graph.traverse.Traversal;
import io.engram.graph.traverse.Traversals;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CommunityTest {
    private static final int GROUPS = 4;
    private static final int SIZE = 50;

    /** Planted partition: node i belongs to group i / SIZE. */
    private static Graph planted(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = GROUPS * SIZE;
        GraphLoader loader = Graph.loader(n);
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                double p = a / SIZE == b / SIZE ? 0.3 : 0.01;
                if (random.nextDouble() < p) {
                    loader.edge(a, "link", b, 1);
                }
            }
        }
        return loader.build();
    }

    @Test
    void leidenRecoversAPlantedPartitionWithConnectedCommunities() {
        for (long seed = 1; seed <= 3; seed++) {
            Graph graph = planted(seed);
            try (GraphSnapshot s = graph.snapshot()) {
                Leiden.Result r = Leiden.detect(s, 1.0, seed, Budget.unlimited());
                int[] truth = new int[GROUPS * SIZE];
                for (int i = 0; i < truth.length; i++) {
                    truth[i] = i / SIZE;
                }
                assertThat(nmi(truth, r.communityOf())).as("seed %d", seed).isGreaterThanOrEqualTo(0.9);
                assertThat(r.partial()).isFalse();
                assertThat(r.modularity()).as("seed %d", seed).isGreaterThan(0.5);
                for (int c = 0; c < r.count(); c++) {
                    assertThat(connected(s, r.communityOf(), c)).as("seed %d community %d", seed, c).isTrue();
                }
            }
        }
    }

    @Test
    void sameSnapshotAndSeedGiveTheSameCommunities() {
        Graph graph = planted(9);
        try (GraphSnapshot s = graph.snapshot()) {
            assertThat(Leiden.detect(s, 1.0, 3, Budget.unlimited()).communityOf())
                    .isEqualTo(Leiden.detect(s, 1.0, 3, Budget.unlimited()).communityOf());
        }
    }

    @Test
    void consolidationPublishesOneSuperNodePerCommunityAtomically() {
        Graph graph = planted(4);
        GraphSnapshot before = graph.snapshot();
        Consolidation.Result result = Consolidation.run(graph, Consolidation.Options.defaults());
        ConsolidatedView view = result.view();
        assertThat(view.epoch()).isEqualTo(1);
        assertThat(graph.epoch()).isEqualTo(1);
        assertThat(view.superNodes()).hasSize(result.communities().count());
        assertThat(view.superNodes()).hasSize(GROUPS);

        assertThat(before.epoch()).isZero();
        assertThat(before.consolidated().superNodes()).isEmpty();
        assertThat(before.exists(view.superNodes()[0])).isFalse();
        before.close();
        try (GraphSnapshot after = graph.snapshot()) {
            assertThat(after.epoch()).isEqualTo(1);
            for (int superNode : view.superNodes()) {
                int[] members = view.members(superNode);
                assertThat(after.property(superNode, Consolidation.KIND)).isEqualTo(Consolidation.SUPER_NODE);
                assertThat(after.neighbours(superNode, Direction.OUT)).containsExactly(members);
                for (int p = 0; p < members.length; p++) {
                    assertThat(after.edgeProperties(superNode, Consolidation.ABSTRACTS, members[p]))
                            .containsEntry("position", (long) p);
                    assertThat(view.superNodeOf(members[p])).isEqualTo(superNode);
                }
                assertThat(members.length).isBetween(SIZE - 5, SIZE + 5);
            }
        }
        // Consolidating again ignores the super-nodes and their ABSTRACTS edges.
        Consolidation.Result again = Consolidation.run(graph, Consolidation.Options.defaults());
        assertThat(again.view().epoch()).isEqualTo(2);
        assertThat(again.view().superNodes()).hasSize(GROUPS);
    }

    @Test
    void threePathMiningKeepsSupportAtLeastTwoInDescendingOrder() {
        GraphLoader loader = Graph.loader(6);
        // 0→1 (w 2), 1→2 (w 2), 1→3 (w 1), 2→4 (w 3), 3→4 (w 1), 4→5 (w 1)
        loader.edge(0, "FOLLOWED_BY", 1, 2).edge(1, "FOLLOWED_BY", 2, 2).edge(1, "FOLLOWED_BY", 3, 1);
        loader.edge(2, "FOLLOWED_BY", 4, 3).edge(3, "FOLLOWED_BY", 4, 1).edge(4, "FOLLOWED_BY", 5, 1);
        loader.edge(0, "OTHER", 2, 100);
        Graph graph = loader.build();
        graph.inTransaction(tx -> {
            tx.setEdgeProperty(0, "FOLLOWED_BY", 1, PathMining.OCCURRENCES, 2);
            tx.setEdgeProperty(1, "FOLLOWED_BY", 2, PathMining.OCCURRENCES, 2);
            tx.setEdgeProperty(2, "FOLLOWED_BY", 4, PathMining.OCCURRENCES, 1);
            return null;
        });
        try (GraphSnapshot s = graph.snapshot()) {
            List<PathMining.ThreePath> paths = PathMining.frequentThreePaths(s, "FOLLOWED_BY", PathMining.MIN_SUPPORT);
            // 0-1-2: mean(2,2)·mean(2,2) = 4; 1-2-4: mean(2,3)·mean(2,1) = 3.75; 0-1-3: 1.5·1.5 = 2.25;
            // 2-4-5: mean(3,1)·mean(1,1) = 2; 1-3-4: 1·1 = 1 (dropped); 3-4-5: 1 (dropped)
            assertThat(paths).containsExactly(
                    new PathMining.ThreePath(0, 1, 2, 4.0),
                    new PathMining.ThreePath(1, 2, 4, 3.75),
                    new PathMining.ThreePath(0, 1, 3, 2.25),
                    new PathMining.ThreePath(2, 4, 5, 2.0));
        }
    }

    private static boolean connected(GraphSnapshot s, int[] communityOf, int c) {
        int[] members = java.util.stream.IntStream.range(0, communityOf.length).filter(i -> communityOf[i] == c).toArray();
        Traversal t = Traversals.bfs(s, members[0], Direction.BOTH, Budget.unlimited());
        long reached = Arrays.stream(t.nodes()).filter(n -> communityOf[n] == c).count();
        // BFS over the whole graph reaches everything; check connectivity inside the community instead.
        boolean[] in = new boolean[communityOf.length];
        for (int m : members) {
            in[m] = true;
        }
        boolean[] seen = new boolean[communityOf.length];
        java.util.ArrayDeque<Integer> q = new java.util.ArrayDeque<>();
        q.add(members[0]);
        seen[members[0]] = true;
        int count = 1;
        while (!q.isEmpty()) {
            int v = q.poll();
            for (int u : s.neighbours(v, Direction.BOTH)) {
                if (in[u] && !seen[u]) {
                    seen[u] = true;
                    count++;
                    q.add(u);
                }
            }
        }
        return reached >= count && count == members.length;
    }

    /** Normalised mutual information (arithmetic-mean normalisation). */
    private static double nmi(int[] a, int[] b) {
        int n = a.length;
        Map<Long, Integer> joint = new java.util.HashMap<>();
        Map<Integer, Integer> ca = new java.util.HashMap<>();
        Map<Integer, Integer> cb = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            joint.merge(((long) a[i] << 32) | b[i], 1, Integer::sum);
            ca.merge(a[i], 1, Integer::sum);
            cb.merge(b[i], 1, Integer::sum);
        }
        double mi = 0;
        for (Map.Entry<Long, Integer> e : joint.entrySet()) {
            int x = (int) (e.getKey() >>> 32);
            int y = (int) (long) e.getKey();
            double pxy = e.getValue() / (double) n;
            mi += pxy * Math.log(pxy / (ca.get(x) / (double) n * cb.get(y) / (double) n));
        }
        double ha = entropy(ca, n);
        double hb = entropy(cb, n);
        return ha + hb == 0 ? 1 : 2 * mi / (ha + hb);
    }

    private static double entropy(Map<Integer, Integer> counts, int n) {
        double h = 0;
        for (int c : counts.values()) {
            double p = c / (double) n;
            h -= p * Math.log(p);
        }
        return h;
    }
}
