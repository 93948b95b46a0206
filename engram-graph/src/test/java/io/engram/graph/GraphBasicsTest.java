package io.engram.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.engram.core.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class GraphBasicsTest {

    @Test
    void nodesEdgesAndPropertiesRoundTrip() {
        Graph graph = Graph.create();
        int a;
        int b;
        try (Transaction tx = graph.begin()) {
            a = tx.createNode(Map.of("name", "Ada", "born", 1815));
            b = tx.createNode(Map.of("name", "Babbage"));
            tx.putEdge(a, "knows", b, 0.9);
            tx.setEdgeProperty(a, "knows", b, "since", 1833);
            assertThat(tx.weight(a, "knows", b)).hasValueCloseTo(0.9, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(tx.property(a, "born")).isEqualTo(1815L);
            assertThat(tx.commit()).isEqualTo(1);
        }
        try (GraphSnapshot s = graph.snapshot()) {
            assertThat(s.version()).isEqualTo(1);
            assertThat(s.nodeCount()).isEqualTo(2);
            assertThat(s.edgeCount()).isEqualTo(1);
            assertThat(s.property(a, "name")).isEqualTo("Ada");
            assertThat(s.neighbours(a, Direction.OUT)).containsExactly(b);
            assertThat(s.neighbours(b, Direction.IN)).containsExactly(a);
            assertThat(s.neighbours(b, Direction.OUT)).isEmpty();
            assertThat(s.weight(a, "knows", b).getAsDouble()).isEqualTo(0.9f);
            assertThat(s.edgeProperties(a, "knows", b)).containsEntry("since", 1833L);
            EdgeCursor c = s.cursor();
            assertThat(c.out(a)).isEqualTo(1);
            assertThat(c.labelName(0)).isEqualTo("knows");
        }
    }

    @Test
    void deletingANodeRemovesItsEdgesBothWays() {
        Graph graph = Graph.create();
        int[] n = new int[3];
        graph.inTransaction(tx -> {
            for (int i = 0; i < 3; i++) {
                n[i] = tx.createNode();
            }
            tx.putEdge(n[0], "x", n[1]);
            tx.putEdge(n[1], "x", n[2]);
            tx.putEdge(n[2], "y", n[1]);
            tx.putEdge(n[1], "self", n[1]);
            return null;
        });
        graph.inTransaction(tx -> {
            tx.deleteNode(n[1]);
            return null;
        });
        try (GraphSnapshot s = graph.snapshot()) {
            assertThat(s.exists(n[1])).isFalse();
            assertThat(s.nodeCount()).isEqualTo(2);
            assertThat(s.edgeCount()).isZero();
            assertThat(s.neighbours(n[0], Direction.BOTH)).isEmpty();
            assertThat(s.neighbours(n[2], Direction.BOTH)).isEmpty();
            assertThatThrownBy(() -> s.neighbours(n[1], Direction.OUT)).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("node " + n[1] + " does not exist");
        }
    }

    @Test
    void badInputIsRejectedWithSpecificMessages() {
        Graph graph = Graph.create();
        try (Transaction tx = graph.begin()) {
            int a = tx.createNode();
            assertThatThrownBy(() -> tx.putEdge(a, "x", 99)).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("node 99 does not exist");
            assertThatThrownBy(() -> tx.putEdge(a, "", a)).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> tx.putEdge(a, "x", a, Double.NaN)).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("NaN");
            assertThatThrownBy(() -> tx.setProperty(a, "p", new Object())).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("expected String, Long, Double or Boolean");
            assertThatThrownBy(() -> tx.setProperty(a, "p", Double.POSITIVE_INFINITY))
                    .isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> tx.setEdgeProperty(a, "x", a, "p", 1)).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("no edge");
        }
        Graph small = Graph.create(GraphConfig.defaults().withMaxNodes(2));
        try (Transaction tx = small.begin()) {
            tx.createNode();
            tx.createNode();
            assertThatThrownBy(tx::createNode).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("at most 2 node ids");
        }
        assertThatThrownBy(() -> Graph.loader(3).edge(0, "x", 3, 1)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("target 3 outside [0, 3)");
    }

    @Test
    void committedAndRolledBackTransactionsRefuseFurtherUse() {
        Graph graph = Graph.create();
        Transaction tx = graph.begin();
        tx.createNode();
        tx.commit();
        assertThatThrownBy(tx::createNode).isInstanceOf(IllegalStateException.class).hasMessageContaining("committed");
        Transaction rolled = graph.begin();
        rolled.createNode();
        rolled.rollback();
        assertThat(graph.version()).isEqualTo(1);
        assertThat(graph.openSnapshots()).isZero();
    }

    @Test
    void bulkLoadedAndTransactionalEditsAgreeWithAModel() {
        long seed = 20261129L;
        SplittableRandom random = new SplittableRandom(seed);
        int nodes = 60;
        GraphLoader loader = Graph.loader(nodes);
        TreeSet<List<Integer>> model = new TreeSet<>(GraphBasicsTest::compare);
        String[] labels = {"a", "b", "c"};
        for (int i = 0; i < 400; i++) {
            int s = random.nextInt(nodes);
            int t = random.nextInt(nodes);
            int l = random.nextInt(labels.length);
            loader.edge(s, labels[l], t, 1);
            model.add(List.of(s, l, t));
        }
        Graph graph = loader.build();
        for (int round = 0; round < 50; round++) {
            graph.inTransaction(tx -> {
                for (int k = 0; k < 10; k++) {
                    int s = random.nextInt(nodes);
                    int t = random.nextInt(nodes);
                    int l = random.nextInt(labels.length);
                    if (random.nextBoolean()) {
                        tx.putEdge(s, labels[l], t);
                        model.add(List.of(s, l, t));
                    } else {
                        tx.removeEdge(s, labels[l], t);
                        model.remove(List.of(s, l, t));
                    }
                }
                return null;
            });
        }
        try (GraphSnapshot s = graph.snapshot()) {
            assertThat(s.edgeCount()).as("seed %d", seed).isEqualTo(model.size());
            List<List<Integer>> actual = new ArrayList<>();
            EdgeCursor c = s.cursor();
            for (int n = 0; n < nodes; n++) {
                for (int i = 0, size = c.out(n); i < size; i++) {
                    actual.add(List.of(n, s.labelId(labels[0]) == c.label(i) ? 0 : indexOf(labels, c.labelName(i)), c.node(i)));
                }
                int in = 0;
                for (List<Integer> e : model) {
                    if (e.get(2) == n) {
                        in++;
                    }
                }
                assertThat(s.inDegree(n)).as("seed %d in-degree of %d", seed, n).isEqualTo(in);
            }
            assertThat(actual).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(model);
        }
    }

    private static int indexOf(String[] labels, String label) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i].equals(label)) {
                return i;
            }
        }
        return -1;
    }

    private static int compare(List<Integer> x, List<Integer> y) {
        for (int i = 0; i < 3; i++) {
            int c = Integer.compare(x.get(i), y.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
