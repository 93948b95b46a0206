package io.engram.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PersistenceTest {

    private static List<Object> state(Graph graph) {
        List<Object> out = new ArrayList<>();
        try (GraphSnapshot s = graph.snapshot()) {
            out.add(s.version());
            out.add(s.nodeCount());
            out.add(s.edgeCount());
            EdgeCursor c = s.cursor();
            for (int n : s.nodes()) {
                out.add(List.of(n, s.properties(n)));
                for (int i = 0, size = c.out(n); i < size; i++) {
                    String label = c.labelName(i);
                    out.add(List.of(n, label, c.node(i), c.weight(i), s.edgeProperties(n, label, c.node(i))));
                }
            }
        }
        return out;
    }

    @Test
    void aGraphRebuiltFromItsStreamedCommitsEqualsTheOriginal() {
        Graph graph = Graph.create();
        List<CommitRecord> log = new ArrayList<>();
        graph.addSink(log::add);
        SplittableRandom random = new SplittableRandom(11);
        List<Integer> nodes = new ArrayList<>();
        for (int round = 0; round < 200; round++) {
            graph.inTransaction(tx -> {
                if (nodes.size() < 5 || random.nextInt(4) == 0) {
                    nodes.add(tx.createNode(Map.of("round", nodes.size())));
                    return null;
                }
                int a = nodes.get(random.nextInt(nodes.size()));
                int b = nodes.get(random.nextInt(nodes.size()));
                if (!tx.exists(a) || !tx.exists(b)) {
                    return null;
                }
                switch (random.nextInt(6)) {
                    case 0 -> tx.putEdge(a, "r" + random.nextInt(3), b, random.nextDouble());
                    case 1 -> tx.incrementWeight(a, "inc", b, 0.5);
                    case 2 -> tx.removeEdge(a, "inc", b);
                    case 3 -> tx.setProperty(a, "x", random.nextLong());
                    case 4 -> {
                        if (tx.weight(a, "inc", b).isPresent()) {
                            tx.setEdgeProperty(a, "inc", b, "seen", true);
                        }
                    }
                    default -> {
                        if (random.nextInt(5) == 0) {
                            tx.deleteNode(a);
                        }
                    }
                }
                return null;
            });
        }
        Graph rebuilt = Graph.create();
        rebuilt.replay(log);
        assertThat(state(rebuilt)).isEqualTo(state(graph));
        rebuilt.replay(log); // replaying again is a no-op
        assertThat(state(rebuilt)).isEqualTo(state(graph));
        // New ids continue after the replayed ones.
        int next = rebuilt.inTransaction(Transaction::createNode);
        assertThat(next).isGreaterThan(nodes.stream().mapToInt(Integer::intValue).max().orElseThrow());
    }

    @Test
    void aFailingSinkFailsTheCommitAndNothingBecomesVisible() {
        Graph graph = Graph.loader(2).build();
        graph.addSink(record -> {
            throw new IllegalStateException("disk full");
        });
        assertThatThrownBy(() -> graph.inTransaction(tx -> {
            tx.putEdge(0, "x", 1);
            return null;
        })).isInstanceOf(IllegalStateException.class).hasMessage("disk full");
        assertThat(graph.version()).isZero();
        try (GraphSnapshot s = graph.snapshot()) {
            assertThat(s.hasEdge(0, "x", 1)).isFalse();
            assertThat(s.edgeCount()).isZero();
        }
    }
}
