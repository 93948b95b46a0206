package io.engram.graph.maintain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.engram.graph.Graph;
import io.engram.graph.GraphLoader;
import io.engram.graph.GraphSnapshot;
import io.engram.graph.Transaction;
import org.junit.jupiter.api.Test;

class DecayTest {
    private static final Decay.Params P = Decay.Params.defaults();

    /**
     * A star (node 0 is the hub every leaf points to, so it is central) plus a chain of
     * ordinary nodes 11 → 12 → 13 → 14 whose edges decay plainly.
     */
    private static Graph graph() {
        GraphLoader loader = Graph.loader(15);
        for (int leaf = 1; leaf <= 10; leaf++) {
            loader.edge(leaf, "r", 0, 1.0);
        }
        loader.edge(0, "r", 1, 1.0); // out of the central hub
        loader.edge(11, "r", 12, 1.0).edge(12, "r", 13, 1.0).edge(13, "r", 14, 0.0105);
        loader.edge(2, "r", 3, 1.0).edge(4, "r", 5, 1.0);
        return loader.build();
    }

    private static double w(Graph g, int a, int b) {
        try (GraphSnapshot s = g.snapshot()) {
            return s.weight(a, "r", b).orElse(Double.NaN);
        }
    }

    @Test
    void aCycleDecaysUntouchedEdgesAndProtectsAccessedMultiSourceAndCentralOnes() {
        Graph g = graph();
        g.inTransaction(tx -> {
            Decay.touch(tx, 2, "r", 3);                          // accessed
            tx.setEdgeProperty(4, "r", 5, Decay.SOURCES, 2);     // multi-source
            return null;
        });
        Decay.Report report = Decay.cycle(g, P);
        assertThat(w(g, 11, 12)).isCloseTo(0.95, within(1e-6));            // untouched: × 0.95
        assertThat(w(g, 2, 3)).isCloseTo(0.95 + 0.1, within(1e-6));        // accessed: + 0.1
        assertThat(w(g, 4, 5)).isCloseTo(1.0, within(1e-6));               // × min(1, 0.95 + 0.05)
        assertThat(w(g, 0, 1)).isCloseTo(1.0, within(1e-6));               // central source: × min(1, 1.05)
        assertThat(w(g, 13, 14)).as("0.0105 × 0.95 < 0.01: evicted").isNaN();
        assertThat(report.edgesEvicted()).isEqualTo(1);
        try (GraphSnapshot s = g.snapshot()) {
            assertThat(s.edgeProperties(2, "r", 3)).doesNotContainKey(Decay.ACCESSED); // the boost is spent
        }
        Decay.cycle(g, P);
        assertThat(w(g, 2, 3)).isCloseTo(1.05 * 0.95, within(1e-6));
    }

    @Test
    void weakeningLowersWithoutDeletingAboveTheThreshold() {
        Graph g = graph();
        double left = g.inTransaction(tx -> Decay.weaken(tx, 11, "r", 12, 0.985, P));
        assertThat(left).isCloseTo(0.015, within(1e-6));
        assertThat(w(g, 11, 12)).isCloseTo(0.015, within(1e-6));
        double gone = g.inTransaction(tx -> Decay.weaken(tx, 11, "r", 12, 0.01, P));
        assertThat(gone).isNaN();
        assertThat(w(g, 11, 12)).isNaN();
    }

    @Test
    void failureFeedbackHalvesAPathAndMemoryReliefRemovesExactlyTheEdgesNowBelowTheThreshold() {
        Graph g = graph();
        g.inTransaction(tx -> {
            tx.putEdge(11, "r", 12, 0.03);
            tx.putEdge(12, "r", 13, 0.015);
            return null;
        });
        try (Transaction tx = g.begin()) {
            Decay.failurePenalty(tx, new int[] {11, 12, 13}, "r", P);
            tx.commit();
        }
        assertThat(w(g, 11, 12)).isCloseTo(0.015, within(1e-6));
        assertThat(w(g, 12, 13)).isCloseTo(0.0075, within(1e-6));
        assertThat(w(g, 13, 14)).isCloseTo(0.0105, within(1e-6)); // not on the path, above 0.01
        assertThat(Decay.memoryRelief(g, P)).isEqualTo(1);
        assertThat(w(g, 12, 13)).isNaN();
        assertThat(w(g, 11, 12)).isCloseTo(0.015, within(1e-6));
        assertThat(Decay.memoryRelief(g, P)).isZero();
    }
}
